// Ingress parsing: one pass over Ethernet [+ up to two VLAN tags] + IPv4/IPv6 + UDP,
// or classification of the few non-UDP frames the worker answers itself (ARP, ICMP echo,
// ICMPv6 echo and neighbour discovery). Every header read is bounds checked first;
// anything else comes back as a DropReason to count.
#pragma once

#include "relay/packet/address.hpp"
#include "relay/packet/ethernet.hpp"
#include "relay/packet/result.hpp"

#include <array>
#include <cstdint>
#include <span>

namespace rr::packet {

inline constexpr uint8_t kIpProtoIcmp = 1;
inline constexpr uint8_t kIpProtoUdp = 17;
inline constexpr uint8_t kIpProtoIcmpv6 = 58;
inline constexpr size_t kIpv4HeaderSize = 20;  // without options
inline constexpr size_t kIpv6HeaderSize = 40;
inline constexpr size_t kUdpHeaderSize = 8;

enum class FrameKind : uint8_t {
  udp,                      // payload = UDP payload; src/dst endpoints carry the ports
  arp,                      // payload = ARP packet (parse_arp)
  icmp_echo_request,        // payload = ICMP message from its type byte
  icmpv6_echo_request,      // payload = ICMPv6 message from its type byte
  neighbour_solicitation,   // payload = ICMPv6 message (parse_neighbour_solicitation)
  neighbour_advertisement,  // payload = ICMPv6 message (parse_neighbour_advertisement)
};

struct FrameView {
  FrameKind kind = FrameKind::udp;
  MacAddress dst_mac;
  MacAddress src_mac;
  uint8_t vlan_count = 0;                 // 0, 1 or 2
  std::array<uint16_t, 2> vlan_tci{};     // outer first, host byte order
  uint16_t ethertype = 0;                 // after the VLAN tags
  uint16_t l3_offset = 0;                 // IP (or ARP) header
  uint16_t l4_offset = 0;                 // UDP / ICMP header; == l3_offset for ARP
  uint16_t payload_offset = 0;            // see FrameKind
  uint16_t payload_size = 0;              // bounded by the IP/UDP lengths, not Ethernet padding
  uint32_t l3_size = 0;                   // IPv4 total length / 40 + IPv6 payload length
  Endpoint src;                           // ports are 0 unless kind == udp
  Endpoint dst;
  uint8_t ttl = 0;                        // IPv4 TTL or IPv6 hop limit
  uint8_t tos = 0;                        // IPv4 TOS or IPv6 traffic class (DSCP << 2 | ECN)
  uint16_t udp_checksum = 0;              // as received (0 = none, IPv4); kind == udp only
  std::span<const uint8_t> payload;       // points into the parsed frame

  bool is_v4() const { return ethertype == kEtherTypeIpv4; }
  // End of the IP packet: the frame length without Ethernet padding (ARP: whole frame).
  size_t frame_end() const { return size_t{l3_offset} + l3_size; }
};

struct ParseOptions {
  // 20 bytes, a few ns; turn off when the NIC already checked (RTE_MBUF_F_RX_IP_CKSUM_GOOD).
  bool verify_ipv4_checksum = true;
  // Costs a pass over the payload; off by default, NICs verify it (RTE_MBUF_F_RX_L4_CKSUM_*).
  bool verify_udp_checksum = false;
};

// Parses a whole Ethernet frame. IPv4 options are skipped (legal, harmless: we re-originate
// the IP header); fragments, IPv6 extension headers and TTL 0 are dropped.
// Relayed media (Ethernet [+ one 802.1Q tag] + IPv4 without options / IPv6 + UDP) takes a
// straight-line fast path (frame_common.hpp); every other frame, and every frame to drop,
// goes to parse_frame_generic, so both give the same answer for every input.
Result<FrameView> parse_frame(std::span<const uint8_t> frame, const ParseOptions& options = {});

// The general parser, one header at a time: parse_frame's fallback and the reference its
// tests compare the fast path with.
Result<FrameView> parse_frame_generic(std::span<const uint8_t> frame,
                                      const ParseOptions& options = {});

}  // namespace rr::packet
