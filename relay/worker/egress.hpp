// Step 5 of the hot path: turn a received frame into the frame the relay sends, in place.
// The UDP payload never moves; fresh L2/IP/UDP headers are written directly in front of
// it, so IPv4 <-> IPv6 bridging and VLAN changes are only a different start offset
// (the mbuf headroom absorbs the growth).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "relay/packet/address.hpp"
#include "relay/packet/ethernet.hpp"
#include "relay/packet/result.hpp"
#include "relay/packet/rewrite.hpp"
#include "relay/table/forwarding_entry.hpp"
#include "relay/worker/worker_config.hpp"

namespace rr::worker {

// The egress headers of one media packet: the entry's source, TTL and DSCP, the peer's
// latched destination, the next hop's MAC and the port's MAC/VLAN/offloads.
packet::EgressHeaders egress_headers(const table::Egress& egress, const Endpoint& destination,
                                     const packet::MacAddress& next_hop_mac,
                                     const PortSetup& port) noexcept;

// `room` is the whole buffer (headroom, frame, tailroom); the payload is `payload_size`
// bytes at `payload_at`. Writes the headers in front of the payload and returns the new
// frame's offset in `room`; its size is header_size(headers) + payload_size.
// Errors: too_short (headroom too small), mtu_exceeded, unhandled (family mismatch).
packet::Result<size_t> rewrite_in_place(std::span<uint8_t> room, size_t payload_at,
                                        size_t payload_size,
                                        const packet::EgressHeaders& headers) noexcept;

}  // namespace rr::worker
