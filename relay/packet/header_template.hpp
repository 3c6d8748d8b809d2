// A stream's egress headers written once and stamped in front of every later payload.
//
// write_egress builds Ethernet [+VLAN] + IP + UDP from their fields and sums the pseudo-header
// per packet (~400 instructions with the next hop and neighbour lookups in front of it,
// callgrind, worker_bench at 1 stream). Everything in those headers except the two lengths
// and the checksums is fixed for as long as the stream's destination and next hop are, so
// the worker keeps a template per stream (relay/worker/egress_cache) and per packet copies
// it and fills in lengths and checksums from sums precomputed here (RFC 1624 arithmetic).
// The bytes are exactly write_egress's (tested against it).
#pragma once

#include "relay/packet/bytes.hpp"
#include "relay/packet/frame.hpp"
#include "relay/packet/result.hpp"
#include "relay/packet/rewrite.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace rr::packet {

// Ethernet + one VLAN tag + IPv6 + UDP: the largest header write_egress produces.
inline constexpr size_t kMaxEgressHeaderSize = kEthernetHeaderSize + kVlanTagSize + kIpv6HeaderSize + kUdpHeaderSize;

// 3 bytes of description, then the header bytes: the egress cache (relay/worker/egress_cache)
// puts 19 key bytes in front, so an untagged IPv4 header (42 bytes) ends exactly on the
// cache slot's first line and only VLAN or IPv6 headers touch a second one.
//
// The fields apply_header_template overwrites per packet carry the sums it needs instead of
// zeros, folded to 16 bits in host order (nothing else reads the template's bytes): the UDP
// checksum field the pseudo-header's address words, the UDP length field the two ports, the
// IPv4 checksum field the IPv4 header's words with length and checksum zero (0 when the NIC
// computes that checksum, which then wants the field zero).
struct HeaderTemplate {
  uint8_t size = 0;     // header_size(egress)
  uint8_t l2_size = 0;  // Ethernet [+VLAN]
  bool v4 : 1 = true;
  bool offload_udp_checksum : 1 = false;
  bool offload_ipv4_checksum : 1 = false;
  std::array<uint8_t, kMaxEgressHeaderSize> bytes{};
};
inline constexpr size_t kHeaderTemplatePrefix = offsetof(HeaderTemplate, bytes);
static_assert(kHeaderTemplatePrefix == 3 && alignof(HeaderTemplate) == 1);

// Errors: unhandled (source and destination of different families).
Result<HeaderTemplate> make_header_template(const EgressHeaders& egress);

// One's complement sum of an address's 16-bit words (2 for IPv4, 8 for IPv6), unfolded.
// Inline: apply_header_template sums the received addresses per packet.
inline uint32_t address_words_sum(const IpAddress& address) {
  if (address.is_v4()) return uint32_t{load_be16(&address.bytes[0])} + load_be16(&address.bytes[2]);
  uint32_t sum = 0;
  for (size_t i = 0; i < address.size(); i += 2) sum += load_be16(&address.bytes[i]);
  return sum;
}

// Writes `header` in front of the `payload_size` bytes at `payload_at` in `room` (the whole
// buffer) with the lengths and checksums of this payload; returns where the frame starts.
// UDP checksum: left to the NIC (pseudo-header sum) if the template says so; else, when
// `unchanged_from` is the frame the payload arrived in untouched and it carried a checksum,
// derived from that checksum (RFC 1624: the payload is never read); else summed over the
// payload. Errors: too_short (headroom or buffer too small), mtu_exceeded.
Result<size_t> apply_header_template(std::span<uint8_t> room, size_t payload_at, size_t payload_size,
                                     const HeaderTemplate& header, const FrameView* unchanged_from);

}  // namespace rr::packet
