#include "relay/packet/nd.hpp"

#include "relay/packet/bytes.hpp"
#include "relay/packet/checksum.hpp"
#include "relay/packet/frame.hpp"
#include "relay/packet/ip_header.hpp"

#include <algorithm>

namespace rr::packet {
namespace {

constexpr uint8_t kTypeSolicitation = 135;
constexpr uint8_t kTypeAdvertisement = 136;
constexpr uint8_t kOptionSourceLinkLayer = 1;
constexpr uint8_t kOptionTargetLinkLayer = 2;
constexpr size_t kNdMessageSize = 24;            // type..target
constexpr size_t kNdWithOptionSize = kNdMessageSize + 8;
constexpr uint8_t kNdHopLimit = 255;             // proves the sender is on-link
constexpr uint32_t kFlagRouter = 0x80000000u;
constexpr uint32_t kFlagSolicited = 0x40000000u;
constexpr uint32_t kFlagOverride = 0x20000000u;

// RFC 4861 7.1.1/7.1.2 checks shared by NS and NA, then the link-layer option of `type`.
struct NdCommon {
  IpAddress target;
  std::optional<MacAddress> mac;
};
Result<NdCommon> parse_nd(std::span<const uint8_t> icmp, uint8_t hop_limit, uint8_t option) {
  if (hop_limit != kNdHopLimit || icmp.size() < kNdMessageSize || icmp[1] != 0) {
    return DropReason::bad_icmp;
  }
  NdCommon nd{IpAddress::from_v6(icmp.data() + 8), std::nullopt};
  if (nd.target.bytes[0] == 0xff) return DropReason::bad_icmp;
  for (size_t at = kNdMessageSize; at < icmp.size();) {
    if (icmp.size() - at < 2) return DropReason::bad_icmp;
    size_t length = size_t{icmp[at + 1]} * 8;
    if (length == 0 || length > icmp.size() - at) return DropReason::bad_icmp;
    if (icmp[at] == option && length == 8) nd.mac = MacAddress::from(icmp.data() + at + 2);
    at += length;
  }
  return nd;
}

// ff02::<last>, the link-local scope multicast groups ND uses.
IpAddress link_local_group(uint8_t last) {
  IpAddress group;
  group.family = Family::v6;
  group.bytes[0] = 0xff;
  group.bytes[1] = 0x02;
  group.bytes[15] = last;
  return group;
}

// NS and NA share one layout: type, code, checksum, flags, target, one link-layer option.
Result<size_t> write_nd(std::span<uint8_t> out, const L2Header& l2, const IpAddress& src,
                        const IpAddress& dst, uint8_t type, uint32_t flags,
                        const IpAddress& target, uint8_t option, const MacAddress& mac) {
  if (src.is_v4() || dst.is_v4() || target.is_v4()) return DropReason::unhandled;
  const size_t size = l2.size() + kIpv6HeaderSize + kNdWithOptionSize;
  if (out.size() < size) return DropReason::too_short;
  (void)write_l2(out, l2, kEtherTypeIpv6);
  uint8_t* ip = out.data() + l2.size();
  write_ipv6_header(ip, {src, dst, kIpProtoIcmpv6, kNdWithOptionSize, kNdHopLimit, 0});
  uint8_t* m = ip + kIpv6HeaderSize;
  m[0] = type;
  m[1] = 0;
  store_be16(m + 2, 0);
  store_be32(m + 4, flags);
  std::copy_n(target.bytes.begin(), 16, m + 8);
  m[24] = option;
  m[25] = 1;  // in units of 8 bytes
  std::copy_n(mac.bytes.begin(), 6, m + 26);
  store_be16(m + 2, icmpv6_checksum(src, dst, std::span<const uint8_t>(m, kNdWithOptionSize)));
  return size;
}

}  // namespace

Result<NeighbourSolicitation> parse_neighbour_solicitation(std::span<const uint8_t> icmp,
                                                           uint8_t hop_limit,
                                                           const IpAddress& src) {
  if (icmp.empty() || icmp[0] != kTypeSolicitation) return DropReason::bad_icmp;
  auto nd = parse_nd(icmp, hop_limit, kOptionSourceLinkLayer);
  if (!nd) return nd.drop();
  // Duplicate address detection comes from :: and must not carry a link-layer address.
  if (src.is_unspecified() && nd->mac) return DropReason::bad_icmp;
  return NeighbourSolicitation{nd->target, nd->mac};
}

Result<NeighbourAdvertisement> parse_neighbour_advertisement(std::span<const uint8_t> icmp,
                                                             uint8_t hop_limit) {
  if (icmp.empty() || icmp[0] != kTypeAdvertisement) return DropReason::bad_icmp;
  auto nd = parse_nd(icmp, hop_limit, kOptionTargetLinkLayer);
  if (!nd) return nd.drop();
  uint32_t flags = load_be32(icmp.data() + 4);
  return NeighbourAdvertisement{nd->target, (flags & kFlagRouter) != 0,
                                (flags & kFlagSolicited) != 0, (flags & kFlagOverride) != 0,
                                nd->mac};
}

IpAddress solicited_node_address(const IpAddress& target) {
  IpAddress group = link_local_group(0x00);  // ff02::1:ff00:0/104
  group.bytes[11] = 0x01;
  group.bytes[12] = 0xff;
  std::copy_n(target.bytes.begin() + 13, 3, group.bytes.begin() + 13);
  return group;
}

MacAddress ipv6_multicast_mac(const IpAddress& group) {
  MacAddress mac{{0x33, 0x33, 0, 0, 0, 0}};
  std::copy_n(group.bytes.begin() + 12, 4, mac.bytes.begin() + 2);
  return mac;
}

Result<size_t> build_neighbour_advertisement(std::span<uint8_t> out,
                                             const NeighbourSolicitation& ns,
                                             const IpAddress& solicitor_ip,
                                             const MacAddress& solicitor_mac,
                                             const MacAddress& our_mac, bool has_vlan,
                                             uint16_t vlan_tci) {
  // RFC 4861 7.2.4: answer DAD to all-nodes, without the solicited flag.
  const bool dad = solicitor_ip.is_unspecified();
  const IpAddress dst = dad ? link_local_group(0x01) : solicitor_ip;  // ff02::1
  const L2Header l2{dad ? ipv6_multicast_mac(dst) : solicitor_mac, our_mac, has_vlan, vlan_tci};
  const uint32_t flags = kFlagOverride | (dad ? 0 : kFlagSolicited);
  return write_nd(out, l2, ns.target, dst, kTypeAdvertisement, flags, ns.target,
                  kOptionTargetLinkLayer, our_mac);
}

Result<size_t> build_neighbour_solicitation(std::span<uint8_t> out, const MacAddress& our_mac,
                                            const IpAddress& our_ip, const IpAddress& target,
                                            bool has_vlan, uint16_t vlan_tci) {
  const IpAddress group = solicited_node_address(target);
  const L2Header l2{ipv6_multicast_mac(group), our_mac, has_vlan, vlan_tci};
  return write_nd(out, l2, our_ip, group, kTypeSolicitation, 0, target,
                  kOptionSourceLinkLayer, our_mac);
}

}  // namespace rr::packet
