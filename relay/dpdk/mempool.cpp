#include "relay/dpdk/mempool.hpp"

#include <rte_errno.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include <bit>

namespace rr::dpdk {

static_assert(kDefaultDataRoom == RTE_MBUF_DEFAULT_BUF_SIZE);

unsigned mempool_size(const MempoolSizing& s) {
  const uint64_t rings = uint64_t{s.ports} * s.queues * (s.rx_descriptors + s.tx_descriptors);
  // A per-lcore cache flushes only above 1.5 × its size; one RX burst in flight and one TX
  // burst buffered per port.
  const uint64_t per_worker = s.cache + s.cache / 2 + s.burst + uint64_t{s.burst} * s.ports;
  const uint64_t needed = rings + per_worker * s.workers;
  // 2^n − 1: the backing ring holds 2^n slots, one of which stays empty.
  return static_cast<unsigned>(std::bit_ceil(needed + 1) - 1);
}

Result<Mempool> Mempool::create(const std::string& name, unsigned count, unsigned cache,
                                uint16_t data_room, int socket) {
  // rte_mempool_create rejects these with a bare EINVAL; name the rule instead.
  if (cache > RTE_MEMPOOL_CACHE_MAX_SIZE || uint64_t{cache} * 3 / 2 > count) {
    return Error{Errc::mempool, "mempool '" + name + "': cache " + std::to_string(cache) +
                                    " too large for " + std::to_string(count) +
                                    " mbufs (max " +
                                    std::to_string(RTE_MEMPOOL_CACHE_MAX_SIZE) +
                                    ", and 1.5 × cache ≤ count)"};
  }
  rte_mempool* pool = rte_pktmbuf_pool_create(name.c_str(), count, cache, 0, data_room, socket);
  if (pool == nullptr) {
    return Error{Errc::mempool, "mempool '" + name + "' of " + std::to_string(count) +
                                    " mbufs: " + rte_strerror(rte_errno)};
  }
  return Mempool(pool, count);
}

Mempool::Mempool(Mempool&& other) noexcept : pool_(other.pool_), size_(other.size_) {
  other.pool_ = nullptr;
}

Mempool::~Mempool() {
  rte_mempool_free(pool_);  // accepts nullptr (moved-from)
}

unsigned Mempool::free_count() const {
  return rte_mempool_avail_count(pool_);
}

}  // namespace rr::dpdk
