// The call model: call (call-id) -> leg (tag) -> media (one m= line) -> stream (one direction
// of RTP or RTCP on one relay port). Owned by Sessions, touched only by the control thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "control/ports/port_allocator.hpp"
#include "control/sdes/crypto_attribute.hpp"
#include "control/sdp/sdp.hpp"
#include "control/session/forwarding.hpp"
#include "control/session/origin_version.hpp"
#include "relay/packet/address.hpp"

namespace rr::session {

using Clock = std::chrono::steady_clock;

// Relay ports a leg's peer sends to (advertised to that leg in the SDP it receives).
struct RelayPorts {
  uint8_t interface = 0;  // index into SessionsConfig::interfaces
  ports::Allocation allocation;

  Endpoint rtp() const { return {allocation.address, allocation.rtp}; }
  Endpoint rtcp() const { return {allocation.address, allocation.rtcp()}; }
};

// One leg's SDES-SRTP keys for one media. Empty on a plain RTP leg.
struct MediaCrypto {
  // Ours, one per suite, offered to this leg's peer and waiting for its answer; kept so a
  // re-offer repeats the same keys.
  std::vector<sdes::CryptoAttribute> offered;
  std::optional<sdes::CryptoAttribute> ours;    // negotiated: we protect toward the peer
  std::optional<sdes::CryptoAttribute> theirs;  // the peer's: we unprotect what it sends

  bool active() const { return ours && theirs; }
};

struct Media {
  uint32_t index = 0;                    // 1-based m= position, as in rtpengine's replies
  std::string type;                      // "audio", "video", ...
  std::string proto;                     // "RTP/AVP", ...
  bool disabled = false;                 // port 0 in this leg's latest SDP
  std::optional<Endpoint> rtp_endpoint;  // where the leg's peer receives RTP (its SDP)
  std::optional<Endpoint> rtcp_endpoint;
  std::optional<RelayPorts> relay;
  bool offered_mux = false;  // the leg's own SDP carried a=rtcp-mux
  bool rtcp_mux = false;     // negotiated: RTCP shares the RTP relay port
  sdp::Direction direction = sdp::Direction::sendrecv;
  uint32_t clock_rate = 8000;  // of the first payload type in the leg's SDP
  MediaCrypto srtp;            // SDES state when this leg speaks RTP/SAVP(F)
};

struct Leg {
  std::string tag;  // from-tag or to-tag; empty for an offer's not yet answered side
  std::string label;
  std::vector<Media> media;  // by index - 1
  OriginVersion origin;      // o= of the SDP this party authored, as we send it on
};

enum class StreamKind : uint8_t { rtp, rtcp };

// One direction of RTP or RTCP on one relay port: derived from a media, never stored.
struct Stream {
  StreamKind kind = StreamKind::rtp;
  Endpoint local;                    // relay endpoint the peer sends to
  std::optional<Endpoint> endpoint;  // the peer's, from its SDP
};

// Streams received on a media's relay ports: RTP, and RTCP unless muxed.
std::vector<Stream> streams_of(const Media& media);

inline constexpr size_t kMaxBranches = 32;  // forks of one offer that Call::branches remembers

struct Call {
  std::string call_id;
  Clock::time_point created;
  int64_t created_unix = 0;  // seconds, for query replies
  Clock::time_point last_signal;
  int64_t last_signal_unix = 0;
  Clock::time_point last_media;     // last tick that saw a stream counter move
  uint64_t packets_seen = 0;        // sum of stream packets at that tick
  std::map<std::string, Leg> legs;  // by tag
  std::string tag_a, tag_b;         // the active pairing: offerer and answerer ("" until answered)
  // Kamailio's via-branch per forked offer -> the to-tag that answered it ("" until then), so
  // a delete naming only the branch of a failed fork ends that fork, not the call.
  std::map<std::string, std::string> branches;  // at most kMaxBranches, recorded before the answer
  // Each forked offer's receiving side has relay ports of its own, as in rtpengine, so that
  // two callees sending early media do not meet on one port. legs[""] is fork_branch's side;
  // the other unanswered forks wait here, by via-branch, until an answer names them.
  std::map<std::string, Leg> forks;
  std::string fork_branch;
  bool answered = false;
  Learning learning;
  uint8_t dscp = 46;                        // from the latest request's TOS
  std::map<uint32_t, MediaPath> published;  // by media index: what the data plane relays now
  // Set by a delayed delete: the tick ends the call then. Cleared by a later offer/answer.
  std::optional<Clock::time_point> delete_at;

  const std::string& peer_of(const std::string& tag) const { return tag == tag_a ? tag_b : tag_a; }
  bool on_hold() const;  // some media is sendonly/recvonly/inactive: silent-timeout applies
};

}  // namespace rr::session
