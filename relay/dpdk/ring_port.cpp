#include "relay/dpdk/ring_port.hpp"

#include <rte_bus_vdev.h>
#include <rte_errno.h>
#include <rte_eth_ring.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include "relay/dpdk/mbuf.hpp"

namespace rr::dpdk {
namespace {

Error ring_error(const std::string& what) {
  return Error{Errc::ring, "ring port: " + what + ": " + rte_strerror(rte_errno)};
}

}  // namespace

void RingPort::RingFree::operator()(rte_ring* ring) const {
  // Frames the test injected but the port never received still hold mbufs.
  rte_mbuf* mbuf = nullptr;
  while (rte_ring_dequeue(ring, reinterpret_cast<void**>(&mbuf)) == 0) rte_pktmbuf_free(mbuf);
  rte_ring_free(ring);
}

Result<RingPort> RingPort::create(const std::string& name, const Mempool& pool, uint16_t queues,
                                  unsigned ring_size) {
  std::vector<RingPtr> rx;
  std::vector<RingPtr> tx;
  std::vector<rte_ring*> rx_raw;
  std::vector<rte_ring*> tx_raw;
  for (uint16_t q = 0; q < queues; ++q) {
    // Single producer and consumer: the test thread on one side, one worker on the other.
    const unsigned flags = RING_F_SP_ENQ | RING_F_SC_DEQ;
    const std::string suffix = "_" + name + "_" + std::to_string(q);
    rx.emplace_back(rte_ring_create(("rx" + suffix).c_str(), ring_size, SOCKET_ID_ANY, flags));
    tx.emplace_back(rte_ring_create(("tx" + suffix).c_str(), ring_size, SOCKET_ID_ANY, flags));
    if (!rx.back() || !tx.back()) return ring_error("create rings for '" + name + "'");
    rx_raw.push_back(rx.back().get());
    tx_raw.push_back(tx.back().get());
  }
  if (rte_eth_from_rings(name.c_str(), rx_raw.data(), queues, tx_raw.data(), queues,
                         SOCKET_ID_ANY) < 0) {
    return ring_error("rte_eth_from_rings '" + name + "'");
  }
  RingPort ring_port("net_ring_" + name, pool.get(), std::move(rx), std::move(tx));
  auto port = Port::open({.device = ring_port.vdev_, .queues = queues}, pool.get());
  if (!port) return port.error();
  ring_port.port_.emplace(std::move(port.value()));
  return ring_port;
}

RingPort::RingPort(RingPort&& other) noexcept
    : vdev_(std::move(other.vdev_)),
      pool_(other.pool_),
      rx_(std::move(other.rx_)),
      tx_(std::move(other.tx_)),
      port_(std::move(other.port_)),
      owner_(other.owner_) {
  other.port_.reset();
  other.owner_ = false;
}

RingPort::~RingPort() {
  if (!owner_) return;
  port_.reset();  // stop and close before the vdev goes
  (void)rte_vdev_uninit(vdev_.c_str());
  // rx_ and tx_ are freed next, with any mbufs still queued in them.
}

Status RingPort::inject(std::span<const Frame> frames, uint16_t queue) {
  if (queue >= rx_.size()) return Error{Errc::ring, "ring port: no rx queue " + std::to_string(queue)};
  std::vector<MbufPtr> mbufs;
  for (const Frame& frame : frames) {
    auto mbuf = make_mbuf(pool_, frame);
    if (!mbuf) return mbuf.error();
    mbufs.push_back(std::move(mbuf.value()));
  }
  std::vector<void*> raw;
  for (const MbufPtr& mbuf : mbufs) raw.push_back(mbuf.get());
  const unsigned count = static_cast<unsigned>(raw.size());
  if (rte_ring_enqueue_bulk(rx_[queue].get(), raw.data(), count, nullptr) != count) {
    return Error{Errc::ring, "ring port: rx queue " + std::to_string(queue) + " full"};
  }
  for (MbufPtr& mbuf : mbufs) (void)mbuf.release();  // now owned by the ring
  return {};
}

Status RingPort::inject(const Frame& frame, uint16_t queue) {
  return inject(std::span<const Frame>(&frame, 1), queue);
}

std::vector<Frame> RingPort::collect(uint16_t queue) {
  std::vector<Frame> frames;
  if (queue >= tx_.size()) return frames;
  rte_mbuf* mbuf = nullptr;
  while (rte_ring_dequeue(tx_[queue].get(), reinterpret_cast<void**>(&mbuf)) == 0) {
    MbufPtr owned(mbuf);
    frames.push_back(mbuf_bytes(*owned));
  }
  return frames;
}

}  // namespace rr::dpdk
