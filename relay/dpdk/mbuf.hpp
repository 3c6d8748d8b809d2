// Owned mbufs for bring-up, tests and tools — never the hot path, which moves raw pointers in
// bursts. Copies between byte vectors and (possibly chained) mbufs.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "relay/dpdk/result.hpp"

struct rte_mbuf;
struct rte_mempool;

namespace rr::dpdk {

struct MbufFree {
  void operator()(rte_mbuf* mbuf) const;  // rte_pktmbuf_free: the whole chain
};
using MbufPtr = std::unique_ptr<rte_mbuf, MbufFree>;

// A single-segment mbuf from `pool` holding a copy of `bytes`. Errc::mempool if the pool is
// empty or the frame does not fit in one segment.
Result<MbufPtr> make_mbuf(rte_mempool* pool, std::span<const uint8_t> bytes);

// The packet's bytes, all segments.
std::vector<uint8_t> mbuf_bytes(const rte_mbuf& mbuf);

}  // namespace rr::dpdk
