// The seam between sessions and the data plane: what one media relays (both directions of
// RTP and RTCP), published when an answer completes it and retired when it changes or ends.
// control/dataplane implements it over relay/table; unit tests use a recording fake.
#pragma once

#include <cstdint>
#include <optional>

#include "relay/packet/address.hpp"
#include "relay/srtp/suite.hpp"

namespace rr::session {

enum class LearningMode : uint8_t { symmetric, asymmetric, strict_source };

struct Learning {
  LearningMode mode = LearningMode::symmetric;
  bool media_handover = false;
  bool operator==(const Learning&) const = default;
};

// One direction's SRTP key and the RFC 4568 session parameters that weaken it.
struct SrtpKey {
  srtp::KeyMaterial key;
  bool encrypt_rtp = true, encrypt_rtcp = true, authenticate_rtp = true;
  bool operator==(const SrtpKey&) const = default;
};

// An SDES-SRTP leg: the peer's key (we unprotect what it sends) and ours (we protect).
struct SrtpKeys {
  SrtpKey inbound, outbound;
  bool operator==(const SrtpKeys&) const = default;
};

// One leg's half of a media: the relay ports its peer sends to and where that peer receives.
struct ForwardSide {
  uint8_t interface = 0;
  Endpoint relay_rtp;
  std::optional<Endpoint> relay_rtcp;  // nullopt: rtcp-mux, RTCP arrives on relay_rtp
  Endpoint peer_rtp;
  Endpoint peer_rtcp;
  std::optional<SrtpKeys> srtp;  // nullopt: plain RTP on this leg
  bool operator==(const ForwardSide&) const = default;
};

// Packets arriving on a's relay ports leave from b's relay ports toward b's peer, and back.
struct MediaPath {
  ForwardSide a, b;
  Learning learning;
  uint32_t clock_rate = 8000;
  uint8_t dscp = 46;  // EF; rtpengine's "TOS" key carries the whole byte (184 = 46 << 2)
  bool operator==(const MediaPath&) const = default;
};

struct StreamCounters {
  uint64_t packets = 0;
  uint64_t bytes = 0;
  uint64_t errors = 0;  // dropped packets of any reason
  // The SRTP part of `errors` (relay/packet's srtp_auth_failed, srtp_replay, srtp_error).
  uint64_t srtp_auth_failed = 0, srtp_replayed = 0, srtp_errors = 0;
  uint64_t lost = 0;       // RFC 3550 cumulative loss, clamped at 0
  uint32_t jitter_ms = 0;  // RFC 3550 interarrival jitter, milliseconds
  uint32_t max_jitter_ms = 0;
  uint64_t duplicates = 0;    // counted as received (RFC 3550 A.3), so they can hide loss
  uint64_t out_of_order = 0;  // late packets behind the highest received, not duplicates
  uint32_t mos_x10 = 0;       // E-model MOS x 10, as rtpengine reports it; 0 = nothing received
  // RFC 3550 round trip relay -> this stream's sender -> relay; round_trips == 0: none yet.
  uint64_t round_trips = 0;
  uint32_t round_trip_us = 0;
  // The latest RTCP SR/RR report block this stream's peer sent: its view of what it receives
  // from us. Not summed into totals (each is one peer's latest figure); rtcp_reports == 0: none.
  uint64_t rtcp_reports = 0;
  uint8_t reported_fraction_lost = 0;  // /256, since the peer's previous report
  int32_t reported_lost = 0;           // cumulative; negative when the peer saw duplicates
  uint32_t reported_jitter_ms = 0;
};

class Forwarding {
 public:
  virtual ~Forwarding() = default;
  // False when the data plane refused it (port outside its table): the media is not relayed.
  virtual bool publish_media(const MediaPath& path) = 0;
  virtual void retire_media(const MediaPath& path) = 0;
  // Frees retired entries whose grace period ended; called from Sessions::tick.
  virtual void reclaim() = 0;
  // Counters of the stream received on `relay` (a relay_rtp or relay_rtcp endpoint).
  virtual StreamCounters stream_counters(const Endpoint& relay) const = 0;
};

}  // namespace rr::session
