// parse_frame's fast path: the one frame shape a media relay receives nearly always, parsed
// in a straight line. Internal to frame.cpp; tests reach it through parse_frame only.
#pragma once

#include "relay/packet/bytes.hpp"
#include "relay/packet/checksum.hpp"
#include "relay/packet/frame.hpp"

#include <cstring>

namespace rr::packet::detail {

// Where the headers of a common media frame are, once match_common_media has checked them.
struct CommonMedia {
  uint16_t ethertype;   // IPv4 or IPv6
  uint16_t vlan_tci;    // 0 when untagged
  uint16_t l3_offset;   // 14, or 18 behind one 802.1Q tag
  uint16_t ip_header;   // 20 or 40
  uint32_t l3_size;     // IPv4 total length / 40 + IPv6 payload length
  uint16_t udp_length;  // the UDP length field, 8 or more, inside l3_size
};

// Ethernet [+ one 802.1Q tag] + IPv4 without options or IPv6 without extension headers +
// UDP, with every check parse_frame_generic makes on that shape: bounds, version, lengths,
// fragments, TTL, the IPv4 header checksum when asked. False for anything else (other
// shapes, and every frame the general parser would drop), so that the general parser decides
// those and drop reasons have one source. UDP checksum verification is left to the general
// parser too: the worker never asks for it (NICs verify).
// always_inline here and below: parse_frame is the only caller, and GCC kept these out of
// line (a call and five register spills per packet) as they exceed its inlining budget.
[[gnu::always_inline]] inline bool match_common_media(std::span<const uint8_t> frame,
                                                      const ParseOptions& options,
                                                      CommonMedia& m) {
  constexpr size_t kShortest = kEthernetHeaderSize + kIpv4HeaderSize + kUdpHeaderSize;  // 42
  const uint8_t* p = frame.data();
  if (frame.size() < kShortest || options.verify_udp_checksum) return false;
  m.l3_offset = kEthernetHeaderSize;
  m.ethertype = load_be16(p + 12);
  m.vlan_tci = 0;
  if (m.ethertype == kEtherTypeVlan) {  // 18 bytes: inside the 42 checked above
    m.vlan_tci = load_be16(p + 14);
    m.ethertype = load_be16(p + 16);
    m.l3_offset += kVlanTagSize;
  }
  const uint8_t* ip = p + m.l3_offset;
  const size_t room = frame.size() - m.l3_offset;  // bytes from the IP header on
  if (m.ethertype == kEtherTypeIpv4) {
    // 20 header bytes are there (42 - 18). 0x45: version 4, IHL 5; MF and the fragment
    // offset clear; TTL nonzero. The total length must hold the UDP header.
    if (ip[0] != 0x45 || ip[9] != kIpProtoUdp || ip[8] == 0 || (load_be16(ip + 6) & 0x3fff) != 0)
      return false;
    m.ip_header = kIpv4HeaderSize;
    m.l3_size = load_be16(ip + 2);
    if (options.verify_ipv4_checksum && !ipv4_header_checksum_ok(ip)) return false;
  } else if (m.ethertype == kEtherTypeIpv6) {
    // Next header UDP (so no extension header, no fragment), hop limit nonzero.
    if (room < kIpv6HeaderSize || (ip[0] >> 4) != 6 || ip[6] != kIpProtoUdp || ip[7] == 0)
      return false;
    m.ip_header = kIpv6HeaderSize;
    m.l3_size = kIpv6HeaderSize + load_be16(ip + 4);
  } else {
    return false;
  }
  if (m.l3_size < m.ip_header + kUdpHeaderSize || m.l3_size > room) return false;
  m.udp_length = load_be16(ip + m.ip_header + 4);
  // Shorter than the IP payload is legal (trailing bytes are ignored), longer is not.
  return m.udp_length >= kUdpHeaderSize && m.udp_length <= m.l3_size - m.ip_header;
}

// 4 or 16 bytes; the rest of an IPv4 address stays zero.
[[gnu::always_inline]] inline IpAddress address_at(bool v4, const uint8_t* p) {
  IpAddress address;
  if (v4) {
    std::memcpy(address.bytes.data(), p, 4);
  } else {
    address.family = Family::v6;
    std::memcpy(address.bytes.data(), p, 16);
  }
  return address;
}

// The view of a frame match_common_media accepted, every field named: returned as a
// prvalue, it is built in the caller's Result without first zeroing it. One instance per
// family, so offsets and field sources are constants (149 -> 144 instructions per packet).
template <bool v4>
[[gnu::always_inline]] inline FrameView common_media_view(const uint8_t* p,
                                                          const CommonMedia& m) {
  constexpr size_t ip_header = v4 ? kIpv4HeaderSize : kIpv6HeaderSize;
  const uint8_t* ip = p + m.l3_offset;
  const uint8_t* udp = ip + ip_header;
  const auto l4_offset = static_cast<uint16_t>(m.l3_offset + ip_header);
  const auto payload_size = static_cast<uint16_t>(m.udp_length - kUdpHeaderSize);
  return FrameView{
      .kind = FrameKind::udp,
      .dst_mac = MacAddress::from(p),
      .src_mac = MacAddress::from(p + 6),
      .vlan_count = static_cast<uint8_t>(m.l3_offset != kEthernetHeaderSize),
      .vlan_tci = {m.vlan_tci, 0},
      .ethertype = v4 ? kEtherTypeIpv4 : kEtherTypeIpv6,
      .l3_offset = m.l3_offset,
      .l4_offset = l4_offset,
      .payload_offset = static_cast<uint16_t>(l4_offset + kUdpHeaderSize),
      .payload_size = payload_size,
      .l3_size = m.l3_size,
      .src = {address_at(v4, ip + (v4 ? 12 : 8)), load_be16(udp)},
      .dst = {address_at(v4, ip + (v4 ? 16 : 24)), load_be16(udp + 2)},
      .ttl = ip[v4 ? 8 : 7],
      .tos = v4 ? ip[1] : static_cast<uint8_t>(load_be16(ip) >> 4),
      .udp_checksum = load_be16(udp + 6),
      .payload = {udp + kUdpHeaderSize, payload_size},
  };
}

}  // namespace rr::packet::detail
