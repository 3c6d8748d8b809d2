// ng dictionary -> typed request. Hostile input never fails here: wrong types and unknown
// options become warnings, and Sessions reports missing keys in rtpengine's words.
#pragma once

#include "control/bencode/value.hpp"
#include "control/commands/flags.hpp"

namespace rr::commands {

ParsedRequest parse_request(const bencode::Value& dict);

session::OfferRequest to_offer(const ParsedRequest& parsed);
session::AnswerRequest to_answer(const ParsedRequest& parsed);
session::DeleteRequest to_delete(const ParsedRequest& parsed);
session::QueryRequest to_query(const ParsedRequest& parsed);
session::ListRequest to_list(const ParsedRequest& parsed);

}  // namespace rr::commands
