// The per-packet media decision, steps 2-4 of the hot path for a parsed UDP frame:
// lookup (local address, port) -> RTP/RTCP demux -> [SRTP unprotect] -> source check /
// latch -> stream stats, then protect_and_count: [SRTP protect] -> forwarded count.
// SRTP is authenticated BEFORE latching (DESIGN.md lists it after stats): a forged packet
// must not move the latch nor disturb the stream's statistics.
// Pure C++ over the parsed view (no mbuf), so it is benchmarked and reasoned about alone;
// the worker only turns the verdict into mbuf moves.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "relay/packet/address.hpp"
#include "relay/packet/frame.hpp"
#include "relay/packet/result.hpp"
#include "relay/srtp/pending_tag.hpp"
#include "relay/table/forwarding_entry.hpp"
#include "relay/table/forwarding_table.hpp"
#include "relay/table/single_writer.hpp"

namespace rr::worker {

struct MediaDecision {
  const table::ForwardingEntry* entry = nullptr;
  const table::Egress* egress = nullptr;  // entry's egress, or its rtcp_egress for bridged RTCP
  // That egress's latch: its seqlock is read only when the egress cache misses.
  const table::LatchedEndpoint* destination = nullptr;
  bool rtcp = false;     // counted and forwarded as RTCP (separate port, or muxed 192..223)
  bool payload_unchanged = true;  // no SRTP transform: the received UDP checksum still covers it
  size_t payload_size = 0;  // UDP payload after SRTP transforms (tags added or removed)
  srtp::SrtpSession* protect = nullptr;  // converting: still to protect (protect_and_count)
};

// Time of the burst: TSC ticks for the RFC 3550 arrival time, milliseconds for learning.
struct BurstClock {
  uint64_t ticks = 0;
  uint64_t ms = 0;
};

// `entry` is the table's entry for view.dst (ForwardingTable::slot_index, then entry_at;
// nullptr = unknown_destination), valid until the caller's next QSBR quiescent point, so a
// burst may look up every frame first and decide later.
// `payload_room` starts at the UDP payload (view.payload) and runs to the end of the buffer:
// SRTP transforms rewrite it in place and protect (protect_and_count) needs tailroom for the tag.
// Errors: unknown_destination (no entry or not our address), not_rtp / bad_rtcp (payload is
// not what the port carries), srtp_* (authentication, replay), source_mismatch (strict
// source). Stream-level failures are also counted in the entry's StreamState::drops.
packet::Result<MediaDecision> decide_media(const table::ForwardingEntry* entry,
                                           const packet::FrameView& view,
                                           std::span<uint8_t> payload_room,
                                           const BurstClock& clock) noexcept;

// decide_media's decision.protect, out of line: returns why protect refused the packet
// (counted against the stream), or nothing.
std::optional<packet::DropReason> protect_media(MediaDecision& decision,
                                                std::span<uint8_t> payload_room,
                                                srtp::PendingTag& tag) noexcept;

// The step after decide_media: a converting stream's SRTP protect, then the packet counted as
// forwarded. An RTP protect leaves the packet's HMAC-SHA1 tag in `tag` (pending_tag.hpp), its
// bytes zero in the payload until the caller completes it; `tag` is written only by a protect
// (which clears it when it leaves nothing), so the caller clears what it does not complete.
// Apart from decide_media so that the plain path's call carries no tag: as a fifth argument
// of decide_media it cost the plain path 2-3 % (session 8, bench/results).
inline std::optional<packet::DropReason> protect_and_count(MediaDecision& decision,
                                                           std::span<uint8_t> payload_room,
                                                           srtp::PendingTag& tag) noexcept {
  if (decision.protect) [[unlikely]] {
    if (auto drop = protect_media(decision, payload_room, tag)) return drop;
  }
  table::bump(decision.entry->hot.state->forwarded_packets);
  return std::nullopt;
}

}  // namespace rr::worker
