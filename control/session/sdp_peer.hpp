// Where a peer says it receives media: the endpoints of one m= line, after the request's
// address overrides ("media address", SIP-source-address with received-from).
#pragma once

#include <optional>

#include "control/sdp/sdp.hpp"
#include "control/session/request.hpp"
#include "relay/packet/address.hpp"

namespace rr::session {

struct PeerMedia {
  Endpoint rtp;
  Endpoint rtcp;  // rtp + 1, a=rtcp's, or rtp itself under rtcp-mux
  bool rtcp_mux = false;
};

// nullopt when no usable IP address applies (an FQDN in c=, or no c= at all).
std::optional<PeerMedia> peer_media(const sdp::Sdp& sdp, const sdp::Media& media,
                                    const SdpRequest& request);

}  // namespace rr::session
