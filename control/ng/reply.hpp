// Reply dictionaries in rtpengine's shapes: {"result":"ok"[, "warning":...]},
// {"result":"error","error-reason":...} (and nothing else), {"result":"pong"}.
#pragma once

#include <string_view>

#include "control/bencode/value.hpp"

namespace rr::ng {

// rtpengine's texts (checked against rtpengine 10.5), so that proxies and their operators see
// familiar errors; the last three are ours, for cases rtpengine does not have.
namespace reason {
inline constexpr std::string_view kUnknownCommand = "Unrecognized command";
inline constexpr std::string_view kNoCommand = "Dictionary contains no key \"command\"";
inline constexpr std::string_view kNoPayload = "Invalid data (no payload)";
inline constexpr std::string_view kBadFormat = "Invalid NG data format";  // neither 'd' nor '{'
inline constexpr std::string_view kBadBencode = "Could not decode bencode dictionary";
inline constexpr std::string_view kBadJson = "Failed to parse JSON document";
inline constexpr std::string_view kTooLarge = "Message too large";
inline constexpr std::string_view kNotImplemented = "Command not implemented";
inline constexpr std::string_view kInternal = "Internal error";
}  // namespace reason

bencode::Value ok_reply();
bencode::Value pong_reply();
bencode::Value error_reply(std::string_view reason);
// Adds (or replaces) the "warning" key of an ok reply: a non-fatal problem the proxy may log.
void add_warning(bencode::Value& reply, std::string_view warning);
bool is_error_reply(const bencode::Value& reply);

}  // namespace rr::ng
