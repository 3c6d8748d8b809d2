// Which neighbour a packet for `destination` goes to: the destination itself when it is
// inside one of the port's prefixes (on-link), else that family's gateway.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "relay/packet/address.hpp"
#include "relay/packet/bytes.hpp"
#include "relay/worker/worker_config.hpp"

namespace rr::worker {

namespace detail {

// The leading `bits` bits of a `Word` set (bits may exceed its width).
template <class Word>
constexpr Word prefix_mask(size_t bits) noexcept {
  constexpr size_t width = sizeof(Word) * 8;
  if (bits == 0) return 0;
  return bits >= width ? ~Word{0} : static_cast<Word>(~Word{0} << (width - bits));
}

}  // namespace detail

// Whole big-endian words under a mask, inline: on_link runs for every received frame (a byte
// loop was ~35 instructions per packet for one /24, callgrind, worker_bench at 1 stream).
inline bool in_prefix(const IpAddress& address, const IpAddress& network, uint8_t prefix_length) noexcept {
  using packet::load_be64;
  using detail::prefix_mask;
  if (address.family != network.family) return false;
  const uint8_t* a = address.bytes.data();
  const uint8_t* n = network.bytes.data();
  if (address.is_v4())
    return ((packet::load_be32(a) ^ packet::load_be32(n)) & prefix_mask<uint32_t>(prefix_length)) == 0;
  const size_t low_bits = prefix_length > 64 ? size_t{prefix_length} - 64 : 0;
  return ((load_be64(a) ^ load_be64(n)) & prefix_mask<uint64_t>(prefix_length)) == 0 &&
         ((load_be64(a + 8) ^ load_be64(n + 8)) & prefix_mask<uint64_t>(low_bits)) == 0;
}
inline bool on_link(std::span<const InterfaceAddress> addresses, const IpAddress& address) noexcept {
  for (const InterfaceAddress& a : addresses)
    if (in_prefix(address, a.address, a.prefix_length)) return true;
  return false;
}
// nullopt: off-link and no gateway of that family configured (counted as no_neighbour).
std::optional<IpAddress> next_hop(std::span<const InterfaceAddress> addresses,
                                  const IpAddress& destination) noexcept;
// One of our addresses on this port (ARP / ND / ping targets).
bool is_ours(std::span<const InterfaceAddress> addresses, const IpAddress& address) noexcept;

}  // namespace rr::worker
