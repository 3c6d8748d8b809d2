// Label vocabularies the control layer reports in: ng results, ng error reasons and timeout
// kinds. One constexpr table each, so the exporter, the README table and the tests agree.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace rr::metrics {

// ng request outcome, the `result` label: rtpengine's "result" key collapsed to two values
// ("pong" counts as ok; "load limit" as error, its reason says which).
enum class NgResult : unsigned char { ok, error };
inline constexpr std::array<std::string_view, 2> kNgResults = {"ok", "error"};

// Why an ng request was answered with an error, the `reason` label. Session refusals map
// one to one from session::ErrorKind; the first three happen before a command runs.
enum class NgErrorReason : unsigned char {
  malformed,        // no cookie, not bencode/JSON, too large
  unknown_command,  // "Unrecognized command" or no "command" key
  internal,         // a handler threw: a bug, never the client's fault
  bad_request,      // missing key, unparsable SDP, unknown interface
  not_found,        // unknown call-id or tag
  session_limit,    // max-sessions reached ("load limit")
  ports_exhausted,  // "Ran out of ports"
};
inline constexpr std::array<std::string_view, 7> kNgErrorReasons = {
    "malformed", "unknown_command", "internal",       "bad_request",
    "not_found", "session_limit",   "ports_exhausted"};

// Why the relay itself ended a call, the `kind` label; rtpengine's option names.
enum class TimeoutKind : unsigned char { timeout, silent_timeout, final_timeout };
inline constexpr std::array<std::string_view, 3> kTimeoutKinds = {"timeout", "silent_timeout",
                                                                  "final_timeout"};

constexpr size_t index(NgResult v) { return static_cast<size_t>(v); }
constexpr size_t index(NgErrorReason v) { return static_cast<size_t>(v); }
constexpr size_t index(TimeoutKind v) { return static_cast<size_t>(v); }

static_assert(index(NgResult::error) + 1 == kNgResults.size());
static_assert(index(NgErrorReason::ports_exhausted) + 1 == kNgErrorReasons.size());
static_assert(index(TimeoutKind::final_timeout) + 1 == kTimeoutKinds.size());

}  // namespace rr::metrics
