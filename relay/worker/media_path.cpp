#include "relay/worker/media_path.hpp"

#include "relay/packet/rtp.hpp"
#include "relay/srtp/session.hpp"
#include "relay/table/single_writer.hpp"

namespace rr::worker {
namespace {

using packet::DropReason;

// Counts a stream-level drop against the stream as well as returning it for the worker.
DropReason stream_drop(table::StreamState& state, DropReason reason) noexcept {
  table::bump(state.drops[packet::index(reason)]);
  return reason;
}

bool is_rtcp_on(const table::ForwardingEntry& entry, std::span<const uint8_t> payload) noexcept {
  switch (entry.kind) {
    case table::StreamKind::rtcp: return true;
    case table::StreamKind::rtp_mux: return packet::is_rtcp(payload);
    case table::StreamKind::rtp: return false;
  }
  return false;
}

DropReason drop_reason(srtp::SrtpError error) noexcept {
  switch (error) {
    case srtp::SrtpError::auth_fail: return DropReason::srtp_auth_failed;
    case srtp::SrtpError::replay: return DropReason::srtp_replay;
    default: return DropReason::srtp_error;
  }
}

// In place on `room`; returns false (and the reason) if relay/srtp refused the packet.
bool unprotect(srtp::SrtpSession& session, bool rtcp, std::span<uint8_t> room, size_t& size,
               DropReason& reason) noexcept {
  const srtp::SrtpResult result =
      rtcp ? session.unprotect_rtcp(room.data(), size) : session.unprotect(room.data(), size);
  if (!result.ok()) {
    reason = drop_reason(result.error);
    return false;
  }
  size = result.len;
  return true;
}

}  // namespace

packet::Result<MediaDecision> decide_media(const table::ForwardingEntry* entry,
                                           const packet::FrameView& view,
                                           std::span<uint8_t> payload_room,
                                           const BurstClock& clock) noexcept {
  if (!entry) return DropReason::unknown_destination;
  // Raw pointers captured at publish: no shared_ptr walk per packet (hot path).
  const table::HotPointers& hot = entry->hot;
  table::StreamState& state = *hot.state;

  MediaDecision decision;
  decision.entry = entry;
  decision.rtcp = is_rtcp_on(*entry, view.payload);

  // Validate before latching (a non-RTP packet from a stranger must not move the latch) and
  // count statistics after it (a dropped stranger must not disturb loss and jitter).
  packet::RtpHeader rtp;
  if (decision.rtcp) {
    if (!packet::parse_rtcp_header(view.payload)) return stream_drop(state, DropReason::bad_rtcp);
  } else {
    // SRTP's last byte is the auth tag, not the padding count: padding waits for plaintext.
    const auto parsed = packet::parse_rtp(
        view.payload, hot.unprotect ? packet::RtpPadding::encrypted : packet::RtpPadding::check);
    if (!parsed) return stream_drop(state, DropReason::not_rtp);
    rtp = *parsed;
  }
  size_t size = view.payload_size;
  DropReason reason = DropReason::srtp_error;
  if (hot.unprotect) {
    if (!unprotect(*hot.unprotect, decision.rtcp, payload_room, size, reason))
      return stream_drop(state, reason);
    if (rtp.padding && !packet::parse_rtp(payload_room.first(size)))
      return stream_drop(state, DropReason::not_rtp);  // authentic, but its padding count lies
  }

  const uint32_t relearn = state.relearn_requests.load(std::memory_order_relaxed);
  switch (table::learn(entry->learning, state.learning, view.src, clock.ms, relearn)) {
    case table::SourceVerdict::drop: return stream_drop(state, DropReason::source_mismatch);
    case table::SourceVerdict::accept_latch: state.latched.store(view.src); break;
    case table::SourceVerdict::accept: break;
  }
  const auto bytes = static_cast<uint32_t>(size);  // plaintext, as RFC 3550 counts octets
  if (decision.rtcp) {
    // The plaintext compound (after SRTCP unprotect): the peer's report blocks feed the stats.
    state.stats.on_rtcp(std::span<const uint8_t>(payload_room.first(size)), clock.ticks);
  } else {
    state.stats.on_rtp({rtp.ssrc, rtp.sequence, rtp.timestamp, bytes}, clock.ticks);
  }
  decision.protect = hot.protect;
  decision.payload_unchanged = !hot.unprotect && !hot.protect;
  decision.payload_size = size;
  decision.egress = &entry->egress_for(decision.rtcp);
  decision.destination = &entry->destination_for(decision.rtcp);
  return decision;
}

std::optional<DropReason> protect_media(MediaDecision& decision, std::span<uint8_t> payload_room,
                                        srtp::PendingTag& tag) noexcept {
  srtp::SrtpSession& session = *decision.protect;
  const size_t size = decision.payload_size;
  const srtp::SrtpResult result =
      decision.rtcp ? session.protect_rtcp(payload_room.data(), size, payload_room.size())
                    : session.protect(payload_room.data(), size, payload_room.size(), tag);
  if (!result.ok()) return stream_drop(*decision.entry->hot.state, drop_reason(result.error));
  decision.payload_size = result.len;
  return std::nullopt;
}

}  // namespace rr::worker
