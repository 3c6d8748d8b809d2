// One worker's egress header templates, one per table slot: the per-packet shortcut past
// next hop, neighbour lookup and header building (packet/header_template.hpp).
//
// A slot's template holds while nothing its headers came from has changed, which the key
// tells with three loads the packet makes anyway or nearly so: the entry's publish
// generation (a re-published entry may change the egress; entry addresses get reused, the
// generation never does), the destination latch's seqlock version, and the next hop's
// neighbour slot's seqlock sequence (any store to that slot: MAC change, refresh, eviction)
// with that neighbour's age, read from its line, after which the slow path re-resolves (and
// solicits) as before. Keys are read BEFORE the values they guard on a refill, so a change
// racing with it leaves a stale key, never a stale template under a current key.
//
// One line for the common case: key (19 bytes) + the template's description (3) + an
// untagged IPv4 header (42) = 64, so that is the one line forward_burst prefetches; a VLAN
// tag or IPv6 spills into the second line, which only those streams touch. Was two lines
// for every stream (a 64-bit expiry in the key, 32-bit sums beside the header).
//
// Per worker, not per stream: a stream's state may be reached by two workers at once (a
// stranger's packets hashed by RSS to another queue), and a template torn between two
// writers would send a malformed frame. Indexed by the table's dense slot index.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "relay/packet/header_template.hpp"
#include "relay/table/hot_memory.hpp"
#include "relay/worker/neighbour_service.hpp"

namespace rr::worker {

struct alignas(64) EgressCacheSlot {
  uint64_t entry_generation = 0;  // 0: empty (generations start at 1)
  uint32_t neighbour_sequence = 1;  // NeighbourTable::Stamp, packed: odd matches no store
  uint32_t latch_version = 0;
  uint16_t neighbour_slot = 0;
  uint8_t port_index = 0;  // into ForwardContext::ports
  packet::HeaderTemplate header;

  NeighbourTable::Stamp neighbour() const noexcept { return {neighbour_slot, neighbour_sequence}; }
  void set_neighbour(const NeighbourTable::Stamp& stamp) noexcept {
    neighbour_slot = static_cast<uint16_t>(stamp.slot);
    neighbour_sequence = stamp.sequence;
  }
  // The neighbour is checked last: its line is the one shared with worker 0's writes.
  bool holds(uint64_t entry, uint32_t latch, uint64_t now_ms, const Neighbours& neighbours) const noexcept {
    return entry_generation == entry && latch_version == latch && neighbours.holds(neighbour(), now_ms);
  }
};
static_assert(NeighbourTable::kCapacity <= 65536, "neighbour_slot is 16 bits");
static_assert(offsetof(EgressCacheSlot, header) + packet::kHeaderTemplatePrefix + packet::kEthernetHeaderSize +
                      packet::kIpv4HeaderSize + packet::kUdpHeaderSize ==
                  64,
              "an untagged IPv4 template ends the slot's first line");

class EgressCache {
 public:
  // `slots`: ForwardingTable::slot_count(). Allocates once, at worker construction.
  explicit EgressCache(size_t slots) : slots_(slots) {}

  EgressCacheSlot* slot(size_t index) noexcept { return index < slots_.size() ? &slots_[index] : nullptr; }

 private:
  table::HugeArray<EgressCacheSlot> slots_;  // indexed per packet: huge pages (hot_memory.hpp)
};

}  // namespace rr::worker
