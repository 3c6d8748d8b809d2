// Produces the SDP the relay sends on: the relay's addresses and ports in place of
// the peer's, in rtpengine's manner. Lines the plan does not touch are copied byte
// for byte and in order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "control/sdp/result.hpp"
#include "control/sdp/sdp.hpp"

namespace rr::sdp {

// What happens to a=rtcp-mux in the output. The ng layer maps rtpengine's
// rtcp-mux flags onto it: offer/require -> add, demux/reject -> remove, accept -> keep.
enum class RtcpMux : uint8_t { keep, add, remove };

// Instructions for one m= line. Ignored for disabled (port 0) media, which are
// copied unchanged apart from attribute removal.
struct MediaPlan {
  IpAddress address;                  // relay address written into c=
  // Relay port written into m=. 0 rejects the media: m= gets port 0 and the rest of
  // the section is copied, as for media that came in disabled.
  uint16_t rtp_port = 0;
  std::optional<uint16_t> rtcp_port;  // a=rtcp port; nullopt drops any a=rtcp line
  std::optional<IpAddress> rtcp_address;  // only when RTCP is received elsewhere than `address`
  RtcpMux rtcp_mux = RtcpMux::keep;
  std::optional<std::string> proto;   // e.g. "RTP/AVP" when the relay terminates SRTP
  // nullopt keeps a=crypto lines; a value replaces all of them (empty: remove).
  std::optional<std::vector<std::string>> crypto;
  std::vector<std::string> add_attributes;  // appended a= values (e.g. relay ICE candidates)
};

struct RewritePlan {
  std::vector<MediaPlan> media;  // one per m= line, in order
  // "replace-origin": the relay's address in o=. nullopt keeps the peer's.
  std::optional<IpAddress> origin_address;
  // o= session version; rtpengine bumps it when the SDP it sends changed. nullopt keeps it.
  std::optional<uint64_t> origin_version;
  // "replace-session-connection": rewrite the session c= even when every media has its
  // own c= (it is rewritten anyway when some media relies on it).
  bool replace_session_connection = false;
  bool remove_ice = false;  // ICE "remove": strip every ICE attribute at both levels
  // a= names dropped at both levels (rtpengine's sdp-attr "remove"), e.g. "fingerprint",
  // "setup" when the relay terminates DTLS-SRTP towards a plain RTP peer.
  std::vector<std::string> remove_attributes;
};

// Fails only when the plan does not match the SDP (media count).
Result<std::string> rewrite(const Sdp& sdp, const RewritePlan& plan);

}  // namespace rr::sdp
