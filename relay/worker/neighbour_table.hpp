// IP -> MAC of on-link neighbours and gateways, with age: ONE table shared by all workers.
//
// Why shared, with worker 0 as the single writer: with RSS, ARP replies and neighbour
// advertisements (non-IP or ICMPv6 without ports) land on queue 0 only, so a per-worker table
// on worker N > 0 would never learn the answer to its own solicitation. Worker 0 writes;
// every worker reads lock-free. The other workers send what they learn and what they need
// resolved to worker 0 (neighbour_service.hpp).
//
// Why seqlocked slots in a fixed array rather than an atomic pointer to an immutable snapshot
// swapped after a QSBR grace period: every frame from an on-link peer refreshes its entry, so
// a snapshot would mean a heap copy of the table and a grace period per refresh on the hot
// path. A seqlocked slot costs the writer two counter stores, never makes it wait, and a
// reader one cache line per probe. Refreshes of an unchanged MAC younger than kRefreshMs are
// skipped, so readers' copies of a busy gateway's line are not invalidated per packet.
//
// Fixed capacity, open addressing with a short probe: no allocation after construction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

#include "relay/packet/address.hpp"
#include "relay/packet/ethernet.hpp"
#include "relay/table/seqlock.hpp"

namespace rr::worker {

class NeighbourTable {
 public:
  static constexpr size_t kCapacity = 1024;  // power of two
  static constexpr size_t kProbe = 8;
  static constexpr uint64_t kRefreshMs = 1000;

  NeighbourTable(uint32_t max_age_ms, uint32_t retry_ms);

  // ---- any worker ----
  // The MAC if known and younger than max_age_ms. A learned time slightly ahead of `now_ms`
  // (another worker's clock read later) counts as age 0, not as expired.
  // The hot path's form writes the MAC where it is used (the egress L2 header): returning a
  // 6-byte optional packs it in a register and unpacks it byte-wise, a store-forwarding stall.
  bool find(const IpAddress& ip, uint64_t now_ms, packet::MacAddress& mac) const noexcept;
  // Which slot answered and at which seqlock sequence: while holds(stamp, now), no store has
  // touched that neighbour since and the answer is still younger than max_age_ms. Per
  // neighbour, so a flapping or spoofed MAC invalidates only the streams sent through it.
  struct Stamp {
    uint32_t slot = 0;
    uint32_t sequence = 1;  // odd: matches no completed store
  };
  // The same as find(), and its stamp.
  bool find(const IpAddress& ip, uint64_t now_ms, packet::MacAddress& mac, Stamp& stamp) const noexcept;
  // The learned time is re-read from the neighbour's own line (which the sequence check reads
  // anyway) rather than cached per stream: it keeps the egress cache's key within one line.
  // now_ms < learned + max_age is find()'s age test, a learned time ahead of now included.
  bool holds(const Stamp& stamp, uint64_t now_ms) const noexcept {
    uint64_t learned_ms = 0;
    return published_[stamp.slot].words.load_if_unchanged(stamp.sequence, kLearnedWord, learned_ms) &&
           now_ms < learned_ms + max_age_ms_;
  }
  std::optional<packet::MacAddress> find(const IpAddress& ip, uint64_t now_ms) const noexcept {
    packet::MacAddress mac;
    if (!find(ip, now_ms, mac)) return std::nullopt;
    return mac;
  }
  // True if readers do not know `ip` at `mac`, or learned it at least `refresh_ms` ago.
  bool needs_refresh(const IpAddress& ip, const packet::MacAddress& mac, uint64_t now_ms,
                     uint64_t refresh_ms) const noexcept;
  uint32_t max_age_ms() const noexcept { return max_age_ms_; }
  uint32_t retry_ms() const noexcept { return retry_ms_; }
  static size_t hash(const IpAddress& ip) noexcept;

  // ---- the writer (worker 0) only ----
  // Records (or refreshes) a mapping; evicts the stalest entry of the probe window if full.
  void learn(const IpAddress& ip, const packet::MacAddress& mac, uint64_t now_ms) noexcept;
  // True if an ARP request / NS for `ip` should go out now: at most once per retry_ms.
  bool should_solicit(const IpAddress& ip, uint64_t now_ms) noexcept;

 private:
  // What readers see: ip (2 words), family | flags | MAC, learned_ms.
  struct alignas(64) Published {
    table::SeqlockWords<4> words;
  };
  // The writer's own copy, so it never reads back through the seqlock.
  struct Private {
    IpAddress ip;
    uint64_t learned_ms = 0;
    uint64_t solicited_ms = 0;
    bool used = false;
  };
  using Words = table::SeqlockWords<4>::Words;
  static constexpr size_t kLearnedWord = 3;
  bool read(const IpAddress& ip, Words& words) const noexcept;  // false: not in the table
  bool read(const IpAddress& ip, Words& words, Stamp& stamp) const noexcept;
  size_t slot_for(const IpAddress& ip) noexcept;  // existing, free or stalest in the probe
  void publish(size_t at, bool resolved, const packet::MacAddress& mac) noexcept;

  uint32_t max_age_ms_;
  uint32_t retry_ms_;
  std::unique_ptr<Published[]> published_;
  std::unique_ptr<Private[]> private_;
};

}  // namespace rr::worker
