// One worker's egress header templates, one per table slot: the per-packet shortcut past
// next hop, neighbour lookup and header building (packet/header_template.hpp).
//
// A slot's template holds while nothing its headers came from has changed, which the key
// tells with three loads the packet makes anyway or nearly so: the entry's publish
// generation (a re-published entry may change the egress; entry addresses get reused, the
// generation never does), the destination latch's seqlock version, and the next hop's
// neighbour slot's seqlock sequence (any store to that slot: MAC change, refresh, eviction);
// plus the neighbour's expiry, after which the slow path re-resolves (and solicits) as before. Keys are read BEFORE the values they guard on a refill, so a
// change racing with it leaves a stale key, never a stale template under a current key.
//
// Per worker, not per stream: a stream's state may be reached by two workers at once (a
// stranger's packets hashed by RSS to another queue), and a template torn between two
// writers would send a malformed frame. Indexed by the table's dense slot index.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "relay/packet/header_template.hpp"
#include "relay/worker/neighbour_service.hpp"

namespace rr::worker {

struct alignas(64) EgressCacheSlot {
  uint64_t entry_generation = 0;  // 0: empty (generations start at 1)
  NeighbourTable::Stamp neighbour;
  uint64_t valid_until_ms = 0;
  uint32_t latch_version = 0;
  uint8_t port_index = 0;  // into ForwardContext::ports
  packet::HeaderTemplate header;

  // The neighbour's stamp is checked last: its line is the one shared with worker 0's writes.
  bool holds(uint64_t entry, uint32_t latch, uint64_t now_ms, const Neighbours& neighbours) const noexcept {
    return entry_generation == entry && latch_version == latch && now_ms < valid_until_ms &&
           neighbours.unchanged(neighbour);
  }
};

class EgressCache {
 public:
  // `slots`: ForwardingTable::slot_count(). Allocates once, at worker construction.
  explicit EgressCache(size_t slots) : slots_(std::make_unique<EgressCacheSlot[]>(slots)), size_(slots) {}

  EgressCacheSlot* slot(size_t index) noexcept { return index < size_ ? &slots_[index] : nullptr; }

 private:
  std::unique_ptr<EgressCacheSlot[]> slots_;
  size_t size_;
};

}  // namespace rr::worker
