// Media packets parked while their next hop's MAC is being resolved: BOUNDED per worker,
// so an unreachable peer costs at most kCapacity mbufs and never leaks. A packet leaves
// when its neighbour is learned (patched and sent), after kMaxHoldMs (dropped as
// no_neighbour), or at shutdown.
#pragma once

#include <array>
#include <cstdint>

#include <rte_mbuf.h>

#include "relay/packet/address.hpp"

namespace rr::worker {

struct HeldPacket {
  rte_mbuf* mbuf = nullptr;  // headers written; destination MAC still to patch
  uint8_t port_index = 0;    // worker's index of the egress port
  IpAddress next_hop;
  uint64_t held_ms = 0;
};

class HoldQueue {
 public:
  static constexpr size_t kCapacity = 64;
  static constexpr uint64_t kMaxHoldMs = 3000;  // three ARP/NS retries at the default interval

  bool empty() const noexcept { return count_ == 0; }
  size_t size() const noexcept { return count_; }
  // False when full: the caller drops the packet as no_neighbour.
  bool push(const HeldPacket& packet) noexcept {
    if (count_ == kCapacity) return false;
    packets_[count_++] = packet;
    return true;
  }

  // Calls release(packet) -> bool for each held packet; those for which it returns true
  // (sent or dropped by the callee) leave the queue, the rest keep their order.
  template <class Release>
  void drain(Release&& release) noexcept {
    size_t kept = 0;
    for (size_t i = 0; i < count_; ++i)
      if (!release(packets_[i])) packets_[kept++] = packets_[i];
    count_ = kept;
  }

 private:
  size_t count_ = 0;
  std::array<HeldPacket, kCapacity> packets_{};
};

}  // namespace rr::worker
