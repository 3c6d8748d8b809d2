// IP -> MAC of on-link neighbours and gateways, with age, for one worker.
//
// Ownership: one table PER WORKER, written and read only by that worker — no sharing, no
// atomics. A worker learns from ARP replies/requests and NA it receives, and from the
// source MAC of IP frames whose source is on-link (or, via the gateway, every off-link
// frame tells it the gateway's MAC). Cost of this simplicity: with several workers each
// one resolves its own next hops (one extra ARP/NS per worker and neighbour). See README.
//
// Fixed capacity, open addressing with a short probe: no allocation after construction.
#pragma once

#include <array>
#include <cstdint>

#include "relay/packet/address.hpp"
#include "relay/packet/ethernet.hpp"

namespace rr::worker {

class NeighbourTable {
 public:
  static constexpr size_t kCapacity = 1024;  // power of two
  static constexpr size_t kProbe = 8;

  NeighbourTable(uint32_t max_age_ms, uint32_t retry_ms) : max_age_ms_(max_age_ms), retry_ms_(retry_ms) {}

  // The MAC if known and younger than max_age_ms, else nullptr.
  const packet::MacAddress* find(const IpAddress& ip, uint64_t now_ms) const noexcept;
  // Records (or refreshes) a mapping; evicts the stalest entry of the probe window if full.
  void learn(const IpAddress& ip, const packet::MacAddress& mac, uint64_t now_ms) noexcept;
  // True if an ARP request / NS for `ip` should go out now: at most once per retry_ms.
  bool should_solicit(const IpAddress& ip, uint64_t now_ms) noexcept;

 private:
  struct Entry {
    IpAddress ip;
    packet::MacAddress mac;
    uint64_t learned_ms = 0;
    uint64_t solicited_ms = 0;
    bool used = false;
    bool resolved = false;
  };
  static size_t hash(const IpAddress& ip) noexcept;
  static uint64_t touched(const Entry& e) noexcept {
    return e.learned_ms > e.solicited_ms ? e.learned_ms : e.solicited_ms;
  }
  size_t find_index(const IpAddress& ip) const noexcept;  // kCapacity if absent
  Entry& slot_for(const IpAddress& ip) noexcept;           // existing, free or stalest in the probe

  uint32_t max_age_ms_;
  uint32_t retry_ms_;
  std::array<Entry, kCapacity> entries_{};
};

}  // namespace rr::worker
