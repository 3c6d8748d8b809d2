// Step 5 of the hot path: the headers of the frame the relay sends. The UDP payload never
// moves; the headers are written directly in front of it (packet/header_template.hpp), so
// IPv4 <-> IPv6 bridging and VLAN changes are only a different start offset (the mbuf
// headroom absorbs the growth).
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

}  // namespace rr::worker
