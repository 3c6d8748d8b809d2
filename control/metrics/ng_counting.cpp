#include "control/metrics/ng_counting.hpp"

#include <array>
#include <utility>

#include "control/ng/reply.hpp"
#include "control/session/outcome.hpp"

namespace rr::metrics {

namespace {

// rtpengine's error texts as the session layer and the ng layer write them.
constexpr std::array<std::pair<std::string_view, NgErrorReason>, 14> kReasonTexts{{
    {session::reason::kNoCallId, NgErrorReason::bad_request},
    {session::reason::kNoFromTag, NgErrorReason::bad_request},
    {session::reason::kNoToTag, NgErrorReason::bad_request},
    {session::reason::kNoSdp, NgErrorReason::bad_request},
    {session::reason::kBadSdp, NgErrorReason::bad_request},
    {session::reason::kUnknownInterface, NgErrorReason::bad_request},
    {session::reason::kAddressFamily, NgErrorReason::bad_request},
    {session::reason::kUnknownCall, NgErrorReason::not_found},
    {session::reason::kUnknownTag, NgErrorReason::not_found},
    {session::reason::kDeleteNotFound, NgErrorReason::not_found},
    {session::reason::kSessionLimit, NgErrorReason::session_limit},
    {session::reason::kNoPorts, NgErrorReason::ports_exhausted},
    {ng::reason::kNotImplemented, NgErrorReason::unknown_command},
    {ng::reason::kInternal, NgErrorReason::internal},
}};

}  // namespace

NgErrorReason classify_error(std::string_view result, std::string_view reason) {
  if (result == "load limit") return NgErrorReason::session_limit;
  for (const auto& [text, kind] : kReasonTexts) {
    if (reason == text) return kind;
  }
  // Any other refusal is about what the request said (a flag, a key's value).
  return NgErrorReason::bad_request;
}

bencode::Value CountingHandler::handle(ng::Command command, const ng::Request& request) {
  auto& by_result = counts_.requests[static_cast<size_t>(command)];
  bencode::Value reply;
  try {
    reply = inner_.handle(command, request);
  } catch (...) {
    ++by_result[index(NgResult::error)];
    ++counts_.errors[index(NgErrorReason::internal)];
    throw;
  }
  const std::string_view result = reply.get_string("result").value_or("");
  if (result == "ok" || result == "pong") {
    ++by_result[index(NgResult::ok)];
  } else {
    ++by_result[index(NgResult::error)];
    const auto reason = reply.get_string("error-reason");
    ++counts_.errors[index(
        classify_error(result, reason ? *reason : reply.get_string("message").value_or("")))];
  }
  return reply;
}

}  // namespace rr::metrics
