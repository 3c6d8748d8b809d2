#include "relay/worker/next_hop.hpp"

namespace rr::worker {

std::optional<IpAddress> next_hop(std::span<const InterfaceAddress> addresses,
                                  const IpAddress& destination) noexcept {
  if (on_link(addresses, destination)) return destination;
  for (const InterfaceAddress& a : addresses)
    if (a.address.family == destination.family && !a.gateway.is_unspecified() &&
        a.gateway.family == destination.family)
      return a.gateway;
  return std::nullopt;
}

bool is_ours(std::span<const InterfaceAddress> addresses, const IpAddress& address) noexcept {
  for (const InterfaceAddress& a : addresses)
    if (a.address == address) return true;
  return false;
}

}  // namespace rr::worker
