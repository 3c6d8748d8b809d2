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

struct HeaderTemplate {
  std::array<uint8_t, kMaxEgressHeaderSize> bytes{};  // lengths and checksums zero
  uint8_t size = 0;     // header_size(egress)
  uint8_t l2_size = 0;  // Ethernet [+VLAN]
  bool v4 = true;
  bool offload_udp_checksum = false;
  bool offload_ipv4_checksum = false;
  uint32_t ip_sum = 0;       // the IPv4 header's words with total length and checksum zero
  uint32_t address_sum = 0;  // source + destination address words (the pseudo-header's)
  uint32_t port_sum = 0;     // UDP source + destination port
};

// Errors: unhandled (source and destination of different families).
Result<HeaderTemplate> make_header_template(const EgressHeaders& egress);

// One's complement sum of an address's 16-bit words (2 for IPv4, 8 for IPv6), unfolded.
uint32_t address_words_sum(const IpAddress& address);

// Writes `header` in front of the `payload_size` bytes at `payload_at` in `room` (the whole
// buffer) with the lengths and checksums of this payload; returns where the frame starts.
// UDP checksum: left to the NIC (pseudo-header sum) if the template says so; else, when
// `unchanged_from` is the frame the payload arrived in untouched and it carried a checksum,
// derived from that checksum (RFC 1624: the payload is never read); else summed over the
// payload. Errors: too_short (headroom or buffer too small), mtu_exceeded.
Result<size_t> apply_header_template(std::span<uint8_t> room, size_t payload_at, size_t payload_size,
                                     const HeaderTemplate& header, const FrameView* unchanged_from);

}  // namespace rr::packet
