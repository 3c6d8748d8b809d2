// Packet buffer pools, owned: rte_pktmbuf_pool_create in Mempool::create, rte_mempool_free in
// the destructor. mempool_size() says how many mbufs a configuration can hold at once.
#pragma once

#include <cstdint>
#include <string>

#include "relay/dpdk/result.hpp"

struct rte_mempool;

namespace rr::dpdk {

// RTE_MBUF_DEFAULT_BUF_SIZE: a 1500-byte-MTU frame plus RTE_PKTMBUF_HEADROOM (checked in .cpp).
inline constexpr uint16_t kDefaultDataRoom = 2048 + 128;
inline constexpr unsigned kDefaultCache = 256;

struct MempoolSizing {
  unsigned ports = 1;
  unsigned queues = 1;  // per port and direction: one per worker
  unsigned rx_descriptors = 1024;
  unsigned tx_descriptors = 1024;
  unsigned workers = 1;
  unsigned burst = 32;
  unsigned cache = kDefaultCache;  // per-lcore mempool cache
};

// Every mbuf that can be parked at once: filled RX rings, full TX rings, and per worker a
// cache that may hold up to 1.5 × cache, an RX burst and a pending TX burst per port.
// Rounded up to 2^n − 1, the size rte_mempool stores without waste.
unsigned mempool_size(const MempoolSizing& sizing);

class Mempool {
 public:
  // `name` must be unique in the process (DPDK memzone name). socket −1 = SOCKET_ID_ANY.
  static Result<Mempool> create(const std::string& name, unsigned count,
                                unsigned cache = kDefaultCache,
                                uint16_t data_room = kDefaultDataRoom, int socket = -1);

  Mempool(Mempool&& other) noexcept;
  Mempool& operator=(Mempool&&) = delete;
  Mempool(const Mempool&) = delete;
  Mempool& operator=(const Mempool&) = delete;
  ~Mempool();

  rte_mempool* get() const { return pool_; }
  unsigned size() const { return size_; }
  // mbufs not in use, per-lcore caches included: equals size() when nothing leaked.
  unsigned free_count() const;

 private:
  Mempool(rte_mempool* pool, unsigned size) : pool_(pool), size_(size) {}
  rte_mempool* pool_;
  unsigned size_;
};

}  // namespace rr::dpdk
