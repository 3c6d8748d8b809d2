// ng dictionary -> typed request. Hostile input never fails here: wrong types and unknown
// options become warnings, and Sessions reports missing keys in rtpengine's words.
#pragma once

#include "control/bencode/value.hpp"
#include "control/commands/flags.hpp"

namespace rr::commands {

ParsedRequest parse_request(const bencode::Value& dict);

// Offer and answer take the parsed request's SdpRequest part over (it is left moved-from).
session::OfferRequest to_offer(ParsedRequest&& parsed);
session::AnswerRequest to_answer(ParsedRequest&& parsed);
session::DeleteRequest to_delete(const ParsedRequest& parsed);
session::QueryRequest to_query(const ParsedRequest& parsed);
session::ListRequest to_list(const ParsedRequest& parsed);

}  // namespace rr::commands
