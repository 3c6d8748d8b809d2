// Internet checksums (RFC 1071) and their incremental update (RFC 1624).
// Values are returned in host byte order and written with store_be16.
#pragma once

#include "relay/packet/address.hpp"

#include <cstdint>
#include <cstring>
#include <span>

namespace rr::packet {

// One's complement sum of `data` as big-endian 16-bit words (an odd last byte is padded
// with zero), added to `initial`; unfolded, so sums of several pieces can be chained.
// Sums 8 bytes per step into a 64-bit accumulator.
uint64_t ones_sum(std::span<const uint8_t> data, uint64_t initial = 0);

// Folds an accumulated sum to 16 bits (no complement). Four fixed steps instead of a loop
// until no carry: inline and branch-free, as every packet folds several sums.
inline uint16_t fold(uint64_t sum) {
  sum = (sum & 0xffffffffu) + (sum >> 32);  // <= 2^33 - 2   (2^32 = 1 mod 0xffff)
  sum = (sum & 0xffff) + (sum >> 16);       // <= 0x2fffe
  sum = (sum & 0xffff) + (sum >> 16);       // <= 0x10001
  sum = (sum & 0xffff) + (sum >> 16);       // <= 0xffff; 0 only for a zero sum, as the loop
  return static_cast<uint16_t>(sum);
}

// ~fold(ones_sum(data)): the checksum of a block whose checksum field is zero, or 0 when a
// block including a correct checksum is verified.
uint16_t internet_checksum(std::span<const uint8_t> data);

// internet_checksum(header) == 0 for an IPv4 header of exactly 20 bytes (no options): five
// native 32-bit words, no loop (parse_frame runs it per packet). A ones' complement sum
// folds to 0xffff exactly when the plain sum is a nonzero multiple of 0xffff (2^16 = 1 mod
// 0xffff), in either byte order, so the test is one division by a constant instead of the
// four folding steps. `header` must hold 20 bytes.
inline bool ipv4_header_checksum_ok(const uint8_t* header) {
  uint32_t w[5];
  std::memcpy(w, header, sizeof w);
  const uint64_t sum = uint64_t{w[0]} + w[1] + w[2] + w[3] + w[4];
  return sum != 0 && sum % 0xffff == 0;
}

// The IPv4/IPv6 pseudo-header sum (RFC 768, RFC 8200 8.1) for `protocol` and `length`.
// src and dst must be of the same family.
uint64_t pseudo_header_sum(const IpAddress& src, const IpAddress& dst, uint8_t protocol,
                           uint32_t length);

// UDP checksum of `datagram` (header + payload, checksum field zero) with its pseudo-header;
// 0 is sent as 0xFFFF (RFC 768; mandatory for IPv6).
uint16_t udp_checksum(const IpAddress& src, const IpAddress& dst,
                      std::span<const uint8_t> datagram);
// True when the checksum field in `datagram` is correct (or 0 = unused, IPv4 only).
bool udp_checksum_ok(const IpAddress& src, const IpAddress& dst,
                     std::span<const uint8_t> datagram);

// ICMPv6 checksum (pseudo-header with next header 58) of `message`, checksum field zero.
uint16_t icmpv6_checksum(const IpAddress& src, const IpAddress& dst,
                         std::span<const uint8_t> message);

// RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m') when one 16-bit word changes from m to m'.
uint16_t checksum_update16(uint16_t checksum, uint16_t old_word, uint16_t new_word);
// The same for a field of several words (addresses): `before` and `after` have equal,
// even size.
uint16_t checksum_update(uint16_t checksum, std::span<const uint8_t> before,
                         std::span<const uint8_t> after);
// RFC 768: a computed UDP checksum of 0 is sent as 0xffff; 0 in the field means "none"
// (invalid for IPv6).
inline uint16_t udp_checksum_field(uint16_t checksum) { return checksum == 0 ? 0xffff : checksum; }
// RFC 1624 for bytes that were zero when `checksum` was computed and now hold `added` (an
// SRTP tag written after the UDP checksum): ~(~HC + sum(added)), the sum's bytes swapped
// when `added` starts at an odd offset in the checksummed data (RFC 1071 2(B)).
uint16_t checksum_add(uint16_t checksum, std::span<const uint8_t> added, bool odd_offset);

}  // namespace rr::packet
