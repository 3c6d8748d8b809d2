// Parsers for the structured SDP lines (c=, o=, m=, a=rtcp's address part).
// Each fills its output and returns nullptr, or returns a short static error text.
#pragma once

#include <string_view>
#include <vector>

#include "control/sdp/sdp.hpp"

namespace rr::sdp::detail {

// "IN IP4 192.0.2.1", "IN IP6 2001:db8::1", "IN IP4 host.example" (FQDN: no ip).
const char* parse_connection(std::string_view nettype, std::string_view addrtype,
                             std::string_view address, Connection& out);
const char* parse_connection_line(std::string_view value, Connection& out);
const char* parse_origin(std::string_view value, Origin& out);
const char* parse_media_line(std::string_view value, Media& out);
// "c=" value for an address: "IN IP4 192.0.2.1".
std::string connection_value(const IpAddress& ip);

}  // namespace rr::sdp::detail
