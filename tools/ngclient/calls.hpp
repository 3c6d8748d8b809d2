// Kamailio-shaped call requests (offer / answer / delete) with a G.711 audio SDP, as the
// rtpengine module sends them for an ordinary SIP call. rtpgen sets up its calls with
// these and ngbench measures them, so both drive the relay the way production does.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "control/bencode/value.hpp"
#include "relay/packet/address.hpp"

namespace rr::ngclient {

struct CallIds {
  std::string call_id;
  std::string from_tag;
  std::string to_tag;
};

// An SDP offering PCMU, PCMA and telephone-event at `media` (c= and m=audio), 20 ms ptime.
std::string g711_sdp(const Endpoint& media, uint64_t session_id);

// `direction`: rtpengine's interface names [offerer's side, answerer's side], so a relay with
// one interface per network puts each leg on the right one; empty = the relay's default.
bencode::Value offer_request(const CallIds& ids, std::string_view sdp, const IpAddress& received_from,
                             std::span<const std::string> direction = {});
bencode::Value answer_request(const CallIds& ids, std::string_view sdp, const IpAddress& received_from);
bencode::Value delete_request(const CallIds& ids);

// The audio endpoint an SDP points at: the m=audio port with the media-level c= address,
// or else the session-level one. The relay's reply is hostile input: nullopt when the SDP
// has no usable audio line, never a crash.
std::optional<Endpoint> audio_endpoint(std::string_view sdp);

}  // namespace rr::ngclient
