// The `listen-ng` option's syntax, as rtpengine reads it:
//   "127.0.0.1:2223"  one IPv4 address
//   "[::1]:2223"      one IPv6 address
//   "2223"            a bare port: every address. rtpengine binds 0.0.0.0 for a bare port
//                     (and, in recent versions, :: as well); we bind both 0.0.0.0 and [::]
//                     (IPV6_V6ONLY). The ng protocol has no authentication, so operators
//                     should prefer an explicit address.
// Host names are not accepted: a control socket should not depend on DNS at start-up.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "relay/packet/address.hpp"

namespace rr::ng {

// Nothing when the text is not one of the forms above.
std::optional<std::vector<Endpoint>> parse_listen_address(std::string_view text);

}  // namespace rr::ng
