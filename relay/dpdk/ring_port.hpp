// Test seam: a real ethdev (rte_eth_from_rings) whose RX queues read from rings the test fills
// and whose TX queues write to rings the test drains. The worker code under test polls it with
// rte_eth_rx_burst/tx_burst exactly as it polls a NIC, so no test flag reaches production code.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "relay/dpdk/mempool.hpp"
#include "relay/dpdk/port.hpp"
#include "relay/dpdk/result.hpp"

struct rte_ring;

namespace rr::dpdk {

using Frame = std::vector<uint8_t>;

class RingPort {
 public:
  // `name` must be unique in the process; the ethdev is called "net_ring_<name>".
  // `pool` gives the mbufs for inject() and the port's RX queues; it must outlive the RingPort.
  static Result<RingPort> create(const std::string& name, const Mempool& pool,
                                 uint16_t queues = 1, unsigned ring_size = 1024);

  RingPort(RingPort&& other) noexcept;
  RingPort& operator=(RingPort&&) = delete;
  RingPort(const RingPort&) = delete;
  RingPort& operator=(const RingPort&) = delete;
  ~RingPort();

  Port& port() { return *port_; }
  uint16_t id() const { return port_->id(); }

  // Copies each frame into an mbuf and queues it for reception on RX `queue`.
  // All or nothing: on error nothing was queued and no mbuf is held.
  Status inject(std::span<const Frame> frames, uint16_t queue = 0);
  Status inject(const Frame& frame, uint16_t queue = 0);

  // Everything transmitted on TX `queue` so far, oldest first, as bytes; the mbufs are freed.
  std::vector<Frame> collect(uint16_t queue = 0);

 private:
  struct RingFree {
    void operator()(rte_ring* ring) const;
  };
  using RingPtr = std::unique_ptr<rte_ring, RingFree>;

  RingPort(std::string vdev, rte_mempool* pool, std::vector<RingPtr> rx, std::vector<RingPtr> tx)
      : vdev_(std::move(vdev)), pool_(pool), rx_(std::move(rx)), tx_(std::move(tx)) {}

  // ~RingPort closes the port and removes its vdev before the rings are freed.
  std::string vdev_;
  rte_mempool* pool_;
  std::vector<RingPtr> rx_;  // the port receives what we enqueue here
  std::vector<RingPtr> tx_;  // the port transmits into these
  std::optional<Port> port_;
  bool owner_ = true;
};

}  // namespace rr::dpdk
