#include "relay/packet/frame.hpp"

#include "relay/packet/arp.hpp"
#include "relay/packet/bytes.hpp"
#include "relay/packet/checksum.hpp"
#include "relay/packet/frame_common.hpp"

#include <cstring>
#include <optional>

namespace rr::packet {
namespace {

constexpr size_t kMaxVlanTags = 2;
constexpr uint8_t kIcmpEchoRequest = 8;
constexpr uint8_t kIcmpv6EchoRequest = 128;
constexpr uint8_t kIcmpv6NeighbourSolicitation = 135;
constexpr uint8_t kIcmpv6NeighbourAdvertisement = 136;
constexpr uint8_t kIpv6Fragment = 44;

bool is_ipv6_extension(uint8_t next_header) {
  switch (next_header) {
    case 0: case 43: case 51: case 60: case 135: case 139: case 140: case 253: case 254:
      return true;
    default:
      return false;
  }
}

// Writes an address straight into the view: IpAddress::from_v4() returns through memory and
// the 16-byte reload of its bytes stalled on store forwarding (~15 ns per packet).
void set_address(IpAddress& address, Family family, const uint8_t* p) {
  address.family = family;
  std::memcpy(address.bytes.data(), p, family == Family::v4 ? 4 : 16);
}

// Ethernet + VLAN tags; sets MACs, tags, ethertype and l3_offset.
Result<bool> parse_l2(std::span<const uint8_t> frame, FrameView& v) {
  if (frame.size() < kEthernetHeaderSize) return DropReason::too_short;
  v.dst_mac = MacAddress::from(frame.data());
  v.src_mac = MacAddress::from(frame.data() + 6);
  size_t type_at = 12;
  uint16_t type = load_be16(frame.data() + type_at);
  while (type == kEtherTypeVlan || type == kEtherTypeQinQ) {
    if (v.vlan_count == kMaxVlanTags) return DropReason::unsupported_ethertype;
    if (frame.size() < type_at + 2 + kVlanTagSize) return DropReason::too_short;
    v.vlan_tci[v.vlan_count++] = load_be16(frame.data() + type_at + 2);
    type_at += kVlanTagSize;
    type = load_be16(frame.data() + type_at);
  }
  v.ethertype = type;
  v.l3_offset = static_cast<uint16_t>(type_at + 2);
  return true;
}

// Returns the IP protocol; sets addresses, ttl, tos, l3_size, l4_offset.
Result<uint8_t> parse_ipv4(std::span<const uint8_t> l3, const ParseOptions& options,
                           FrameView& v) {
  if (l3.size() < kIpv4HeaderSize) return DropReason::too_short;
  const uint8_t* ip = l3.data();
  size_t header_size = size_t{ip[0] & 0x0fu} * 4;
  if ((ip[0] >> 4) != 4 || header_size < kIpv4HeaderSize) return DropReason::bad_ip_header;
  if (l3.size() < header_size) return DropReason::too_short;
  uint16_t total = load_be16(ip + 2);
  if (total < header_size) return DropReason::bad_ip_header;
  if (total > l3.size()) return DropReason::too_short;
  if ((load_be16(ip + 6) & 0x3fff) != 0) return DropReason::ip_fragment;  // MF or offset
  if (ip[8] == 0) return DropReason::ttl_expired;
  if (options.verify_ipv4_checksum && internet_checksum(l3.first(header_size)) != 0) {
    return DropReason::bad_ip_checksum;
  }
  v.tos = ip[1];
  v.ttl = ip[8];
  set_address(v.src.address, Family::v4, ip + 12);
  set_address(v.dst.address, Family::v4, ip + 16);
  v.l3_size = total;
  v.l4_offset = static_cast<uint16_t>(v.l3_offset + header_size);
  return ip[9];
}

Result<uint8_t> parse_ipv6(std::span<const uint8_t> l3, FrameView& v) {
  if (l3.size() < kIpv6HeaderSize) return DropReason::too_short;
  const uint8_t* ip = l3.data();
  if ((ip[0] >> 4) != 6) return DropReason::bad_ip_header;
  uint16_t payload_length = load_be16(ip + 4);
  if (payload_length == 0) return DropReason::bad_ip_header;  // jumbogram: never media
  if (kIpv6HeaderSize + payload_length > l3.size()) return DropReason::too_short;
  uint8_t next_header = ip[6];
  if (next_header == kIpv6Fragment) return DropReason::ip_fragment;
  if (is_ipv6_extension(next_header)) return DropReason::ipv6_extension;
  if (ip[7] == 0) return DropReason::ttl_expired;
  v.tos = static_cast<uint8_t>(load_be16(ip) >> 4);
  v.ttl = ip[7];
  set_address(v.src.address, Family::v6, ip + 8);
  set_address(v.dst.address, Family::v6, ip + 24);
  v.l3_size = kIpv6HeaderSize + payload_length;
  v.l4_offset = static_cast<uint16_t>(v.l3_offset + kIpv6HeaderSize);
  return next_header;
}

Result<FrameKind> parse_udp(std::span<const uint8_t> l4, const ParseOptions& options,
                            FrameView& v) {
  if (l4.size() < kUdpHeaderSize) return DropReason::too_short;
  uint16_t length = load_be16(l4.data() + 4);
  // Shorter than the IP payload is legal (trailing bytes are ignored), longer is not.
  if (length < kUdpHeaderSize || length > l4.size()) return DropReason::bad_udp_length;
  if (options.verify_udp_checksum &&
      !udp_checksum_ok(v.src.address, v.dst.address, l4.first(length))) {
    return DropReason::bad_udp_checksum;
  }
  v.src.port = load_be16(l4.data());
  v.dst.port = load_be16(l4.data() + 2);
  v.udp_checksum = load_be16(l4.data() + 6);
  v.payload_offset = static_cast<uint16_t>(v.l4_offset + kUdpHeaderSize);
  v.payload = l4.subspan(kUdpHeaderSize, length - kUdpHeaderSize);
  return FrameKind::udp;
}

// ICMP and ICMPv6 share the 4-byte type/code/checksum header and a 4-byte body start.
Result<FrameKind> classify_icmp(std::span<const uint8_t> l4, bool v6, FrameView& v) {
  if (l4.size() < 8) return DropReason::bad_icmp;
  v.payload_offset = v.l4_offset;
  v.payload = l4;
  uint8_t type = l4[0];
  if (!v6) {
    if (type == kIcmpEchoRequest && l4[1] == 0) return FrameKind::icmp_echo_request;
    return DropReason::unhandled;
  }
  switch (type) {
    case kIcmpv6EchoRequest: return FrameKind::icmpv6_echo_request;
    case kIcmpv6NeighbourSolicitation: return FrameKind::neighbour_solicitation;
    case kIcmpv6NeighbourAdvertisement: return FrameKind::neighbour_advertisement;
    default: return DropReason::unhandled;
  }
}

// Fills `v` in place; returns why the frame is dropped, if it is.
std::optional<DropReason> parse_into(std::span<const uint8_t> frame, const ParseOptions& options,
                                     FrameView& v) {
  if (auto l2 = parse_l2(frame, v); !l2) return l2.drop();
  std::span<const uint8_t> l3 = frame.subspan(v.l3_offset);

  Result<uint8_t> protocol = DropReason::unsupported_ethertype;
  switch (v.ethertype) {
    case kEtherTypeIpv4: protocol = parse_ipv4(l3, options, v); break;
    case kEtherTypeIpv6: protocol = parse_ipv6(l3, v); break;
    case kEtherTypeArp:
      if (l3.size() < kArpPacketSize) return DropReason::too_short;
      v.kind = FrameKind::arp;
      v.l4_offset = v.payload_offset = v.l3_offset;
      v.l3_size = kArpPacketSize;
      v.payload = l3.first(kArpPacketSize);
      v.payload_size = kArpPacketSize;
      return std::nullopt;
    default: break;
  }
  if (!protocol) return protocol.drop();

  std::span<const uint8_t> l4 =
      frame.subspan(v.l4_offset, v.l3_offset + v.l3_size - v.l4_offset);
  Result<FrameKind> kind = DropReason::not_udp;
  if (*protocol == kIpProtoUdp) {
    kind = parse_udp(l4, options, v);
  } else if (*protocol == kIpProtoIcmp && v.is_v4()) {
    kind = classify_icmp(l4, false, v);
  } else if (*protocol == kIpProtoIcmpv6 && !v.is_v4()) {
    kind = classify_icmp(l4, true, v);
  }
  if (!kind) return kind.drop();
  v.kind = *kind;
  v.payload_size = static_cast<uint16_t>(v.payload.size());
  return std::nullopt;
}

}  // namespace

Result<FrameView> parse_frame(std::span<const uint8_t> frame, const ParseOptions& options) {
  detail::CommonMedia media;
  const uint8_t* p = frame.data();
  if (detail::match_common_media(frame, options, media)) [[likely]] {
    if (media.ethertype == kEtherTypeIpv4)
      return Result<FrameView>(std::in_place, [&] { return detail::common_media_view<true>(p, media); });
    return Result<FrameView>(std::in_place, [&] { return detail::common_media_view<false>(p, media); });
  }
  return parse_frame_generic(frame, options);
}

Result<FrameView> parse_frame_generic(std::span<const uint8_t> frame, const ParseOptions& options) {
  Result<FrameView> result{std::in_place};
  if (auto drop = parse_into(frame, options, result.value_in_place())) result = *drop;
  return result;
}

}  // namespace rr::packet
