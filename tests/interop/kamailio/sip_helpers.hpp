// What the Kamailio test reads back: the SDP a SIPp endpoint received (from its -trace_msg
// log), per-leg packet counts from an ng query, and @KEY@ templates for the config files.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "control/bencode/value.hpp"
#include "relay/packet/address.hpp"

namespace rr::interop {

// Copies `in` to `out`, replacing each @KEY@ with its value.
void fill_template(const std::string& in, const std::string& out,
                   const std::vector<std::pair<std::string, std::string>>& values);

// The audio endpoint of the first SIP message with an SDP body that a SIPp message log
// (-trace_msg) shows as received; nothing if there is none.
std::optional<Endpoint> received_sdp_endpoint(const std::string& message_log);

// RTP packets the relay received per leg (tag) of a query reply (rtpengine's shape:
// tags → medias → streams → stats.packets, RTP streams only).
std::map<std::string, int64_t> rtp_packets_per_tag(const bencode::Value& query_reply);

}  // namespace rr::interop
