#include "relay/worker/next_hop.hpp"

namespace rr::worker {

bool in_prefix(const IpAddress& address, const IpAddress& network, uint8_t prefix_length) noexcept {
  if (address.family != network.family) return false;
  const size_t bits = std::min<size_t>(prefix_length, address.size() * 8);
  const size_t whole = bits / 8;
  for (size_t i = 0; i < whole; ++i)
    if (address.bytes[i] != network.bytes[i]) return false;
  if (bits % 8 == 0) return true;
  const auto mask = static_cast<uint8_t>(0xff << (8 - bits % 8));
  return (address.bytes[whole] & mask) == (network.bytes[whole] & mask);
}

bool on_link(std::span<const InterfaceAddress> addresses, const IpAddress& address) noexcept {
  for (const InterfaceAddress& a : addresses)
    if (in_prefix(address, a.address, a.prefix_length)) return true;
  return false;
}

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
