// ICMP and ICMPv6 echo replies, built in place from the request so that answering a ping
// costs no allocation and no copy of its payload.
#pragma once

#include "relay/packet/frame.hpp"
#include "relay/packet/result.hpp"

#include <cstdint>
#include <span>

namespace rr::packet {

// `frame` is the request that parse_frame classified as icmp_echo_request /
// icmpv6_echo_request, `view` that parse. Swaps MACs and IP addresses, sets the type to
// echo reply and the TTL/hop limit to `ttl`, updates checksums incrementally (RFC 1624).
// The caller answers only requests addressed to one of its unicast addresses.
// Returns the reply's frame size (without Ethernet padding), or unhandled when `view` is not
// an echo request, too_short when `frame` is shorter than `view` says.
Result<size_t> make_echo_reply(std::span<uint8_t> frame, const FrameView& view,
                               uint8_t ttl = 64);

}  // namespace rr::packet
