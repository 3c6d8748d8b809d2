// Offer/answer on the legs of one call: relay ports for each m= line, the peers' endpoints,
// rtcp-mux, and the rewritten SDP. Sessions finds the legs; these functions do the media.
#pragma once

#include <optional>
#include <string>

#include "control/sdp/sdp.hpp"
#include "control/session/interfaces.hpp"
#include "control/session/model.hpp"
#include "control/session/outcome.hpp"
#include "control/session/request.hpp"

namespace rr::session {

// An offer from `offerer` toward `receiver`. Allocates what is missing (both sides), keeps
// ports of unchanged endpoints, gives the receiver fresh ports when the offerer moved (unless
// port-latching). On error nothing changed. Returns the SDP for the receiver.
Outcome<std::string> apply_offer(const sdp::Sdp& sdp, const SdpRequest& request, Leg& offerer,
                                 Leg& receiver, Interfaces& interfaces);

// The checks of apply_answer without changing anything: Sessions runs them before it hands
// the offer's ports to a new to-tag, so a refused answer leaves the call as it was.
std::optional<Error> check_answer(const sdp::Sdp& sdp, const SdpRequest& request,
                                  const Leg& offerer, const Leg& answerer);

// The receiver's answer: records its endpoints, settles rtcp-mux, releases ports of rejected
// media. Returns the SDP for the offerer.
Outcome<std::string> apply_answer(const sdp::Sdp& sdp, const SdpRequest& request, Leg& offerer,
                                  Leg& answerer, Interfaces& interfaces);

Learning learning_of(const Flags& flags);

}  // namespace rr::session
