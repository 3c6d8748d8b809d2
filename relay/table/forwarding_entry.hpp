// Everything a worker needs to relay one stream, computed by control and immutable once
// published. The only mutable part is behind `state` (single writer, see stream_state.hpp).
#pragma once

#include <cstdint>
#include <memory>

#include "relay/packet/address.hpp"
#include "relay/table/hot_memory.hpp"
#include "relay/table/learning.hpp"
#include "relay/table/stream_state.hpp"

namespace rr::srtp {
class SrtpSession;  // relay/srtp: protect/unprotect in place; owned by the entry, used by one worker
}

namespace rr::table {

// Where a packet arrived: the relay's local address (index into TableConfig::local_addresses)
// and UDP port.
struct EntryKey {
  uint8_t address_index = 0;
  uint16_t port = 0;
  auto operator<=>(const EntryKey&) const = default;
};

enum class StreamKind : uint8_t {
  rtp,      // RTP only
  rtcp,     // separate RTCP port (RTP port + 1)
  rtp_mux,  // RTP port that also carries RTCP (rtcp-mux, RFC 5761): second byte 192..223 is RTCP
};

struct Egress {
  uint16_t port_id = 0;     // DPDK port the rewritten packet leaves by
  Endpoint source;          // the relay's endpoint on the other leg: new IP source and UDP source port
  uint8_t ttl = 64;         // IPv4 TTL / IPv6 hop limit written on egress
  uint8_t dscp = 46;        // EF, RFC 4594 telephony; written into TOS / traffic class
  // The other side's latched endpoint: the destination. Shares ownership of the peer stream's
  // StreamState (aliasing shared_ptr) so a peer retired first cannot leave it dangling.
  std::shared_ptr<const LatchedEndpoint> destination;
};

struct SrtpTransforms {
  std::shared_ptr<srtp::SrtpSession> unprotect;  // inbound SRTP -> RTP; null if plain on this leg
  std::shared_ptr<srtp::SrtpSession> protect;    // outbound RTP -> SRTP; null if plain on the other leg
};

// What the hot path dereferences, as raw pointers: ForwardingTable::publish copies them from
// the owning shared_ptrs below, so a packet costs one load per object instead of a
// shared_ptr control block walk. They live exactly as long as the entry (its shared_ptrs
// own the objects, QSBR keeps the entry), so they never dangle while a worker holds it.
struct HotPointers {
  StreamState* state = nullptr;
  const LatchedEndpoint* destination = nullptr;  // the peer stream's latch
  srtp::SrtpSession* unprotect = nullptr;
  srtp::SrtpSession* protect = nullptr;
  // Non-null only on an rtp_mux entry with an RTCP egress: the other side's RTCP latch.
  const LatchedEndpoint* rtcp_destination = nullptr;
  // Unique per publish (from 1), unlike the entry's address, which a later entry may reuse:
  // what a worker's per-stream caches (relay/worker/egress_cache) are keyed by.
  uint64_t generation = 0;
};

// Hot fields first: a steady-state packet reads only the first cache line (hot, key, kind,
// learning policy; the learning window's limits spill onto the second and are read only
// while the window is open, the egress on a cache miss); control's ids and the owning
// pointers come last.
struct alignas(64) ForwardingEntry : HotObject {
  HotPointers hot;  // set by publish(); control leaves it empty
  EntryKey key;
  StreamKind kind = StreamKind::rtp;
  LearningConfig learning;
  Egress egress;
  Endpoint expected_source;  // from SDP; also the initial latched value
  uint64_t stream_id = 0;    // control's id for this stream (metrics, logs); opaque here
  uint32_t clock_rate = 8000;
  SrtpTransforms srtp;
  std::shared_ptr<StreamState> state;  // never null in a published entry
  // rtp_mux only, when the other leg does not mux: RTCP demuxed here leaves from the relay's
  // RTCP port on the other leg to the other side's RTCP latch, not by `egress`. Empty
  // destination = RTCP follows `egress`. Off the hot lines: read for RTCP only (a few per second).
  Egress rtcp_egress;

  // True if the RTP/RTCP demux of RFC 5761 applies to this port.
  bool carries_rtcp_mux() const noexcept { return kind == StreamKind::rtp_mux; }
  // Where a packet leaves: `rtcp_egress` for RTCP when this entry bridges mux to non-mux.
  const Egress& egress_for(bool rtcp) const noexcept {
    return rtcp && hot.rtcp_destination ? rtcp_egress : egress;
  }
  const LatchedEndpoint& destination_for(bool rtcp) const noexcept {
    return rtcp && hot.rtcp_destination ? *hot.rtcp_destination : *hot.destination;
  }
};

// Control's helper: the destination pointer for an entry whose peer stream is `peer`.
inline std::shared_ptr<const LatchedEndpoint> latched_of(const std::shared_ptr<StreamState>& peer) {
  return {peer, &peer->latched};
}

}  // namespace rr::table
