// Which neighbour a packet for `destination` goes to: the destination itself when it is
// inside one of the port's prefixes (on-link), else that family's gateway.
#pragma once

#include <optional>
#include <span>

#include "relay/packet/address.hpp"
#include "relay/worker/worker_config.hpp"

namespace rr::worker {

bool in_prefix(const IpAddress& address, const IpAddress& network, uint8_t prefix_length) noexcept;
bool on_link(std::span<const InterfaceAddress> addresses, const IpAddress& address) noexcept;
// nullopt: off-link and no gateway of that family configured (counted as no_neighbour).
std::optional<IpAddress> next_hop(std::span<const InterfaceAddress> addresses,
                                  const IpAddress& destination) noexcept;
// One of our addresses on this port (ARP / ND / ping targets).
bool is_ours(std::span<const InterfaceAddress> addresses, const IpAddress& address) noexcept;

}  // namespace rr::worker
