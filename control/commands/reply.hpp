// Typed results -> ng reply dictionaries in rtpengine's shapes.
#pragma once

#include <string>
#include <vector>

#include "control/bencode/value.hpp"
#include "control/session/outcome.hpp"
#include "control/session/snapshot.hpp"

namespace rr::commands {

// Query and delete replies stay under this many encoded bytes so they fit one UDP datagram
// through any path MTU; detail is dropped (advertised endpoints, then streams) to get there.
inline constexpr size_t kMaxStatsReplyBytes = 1400;

// {"result":"error","error-reason":...}, or rtpengine's {"result":"load limit","message":...}
// when the session limit hit a client that announced "supports": ["load limit"].
bencode::Value error_reply(const session::Error& error, bool supports_load_limit);
void add_warnings(bencode::Value& reply, const std::vector<std::string>& warnings);

// Adds "created", "last signal", "tags" and "totals" (query and delete), trimmed to the limit.
void add_call_stats(bencode::Value& reply, const session::CallSnapshot& call);
bencode::Value statistics_reply(const session::Statistics& stats);

}  // namespace rr::commands
