// rtpgen's calls through an ng relay: per stream, an offer from side A (SDP pointing at
// A's socket) and an answer from side B; the relay's SDPs say where each side must send.
// Deleted at the end, so a run leaves no calls behind.
#pragma once

#include <string>
#include <vector>

#include "tools/ngclient/calls.hpp"
#include "tools/ngclient/client.hpp"
#include "tools/ngclient/udp_socket.hpp"
#include "tools/rtpgen/destination.hpp"
#include "tools/rtpgen/srtp_sdp.hpp"

namespace rr::rtpgen {

struct CallPlan {
  std::vector<ngclient::CallIds> calls;          // those set up so far, to delete
  std::vector<ngclient::SockAddr> a_destinations;  // per stream: where A sends (answer's SDP)
  std::vector<ngclient::SockAddr> b_destinations;  // per stream: where B sends (offer's SDP)
  // SRTP leg only, per stream: the key it sends with (in its SDP) and the relay's key for
  // that leg (in the relay's SDP to it), which it receives with.
  std::vector<srtp::KeyMaterial> own_keys, relay_keys;
  std::string error;                              // first failure; set-up stops there
};

// `policy` refuses relay-chosen destinations outside the allowed set (see destination.hpp).
// `direction`: the offer's interface names [A's side, B's side] (ngclient::offer_request).
CallPlan set_up_calls(ngclient::Client& client, uint32_t streams, const Endpoint& a, const Endpoint& b,
                      const std::string& call_prefix, const DestinationPolicy& policy,
                      std::span<const std::string> direction = {}, const SrtpCall& srtp = {});

// Returns the number of deletes that failed.
size_t tear_down_calls(ngclient::Client& client, const std::vector<ngclient::CallIds>& calls);

}  // namespace rr::rtpgen
