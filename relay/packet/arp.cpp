#include "relay/packet/arp.hpp"

#include "relay/packet/bytes.hpp"

#include <algorithm>

namespace rr::packet {
namespace {

constexpr uint16_t kHardwareEthernet = 1;

}  // namespace

Result<ArpPacket> parse_arp(std::span<const uint8_t> arp) {
  if (arp.size() < kArpPacketSize) return DropReason::too_short;
  const uint8_t* p = arp.data();
  if (load_be16(p) != kHardwareEthernet || load_be16(p + 2) != kEtherTypeIpv4 || p[4] != 6 ||
      p[5] != 4) {
    return DropReason::bad_arp;
  }
  uint16_t op = load_be16(p + 6);
  if (op != static_cast<uint16_t>(ArpOp::request) && op != static_cast<uint16_t>(ArpOp::reply)) {
    return DropReason::bad_arp;
  }
  ArpPacket a;
  a.op = static_cast<ArpOp>(op);
  a.sender_mac = MacAddress::from(p + 8);
  a.sender_ip = IpAddress::from_v4(p + 14);
  a.target_mac = MacAddress::from(p + 18);
  a.target_ip = IpAddress::from_v4(p + 24);
  return a;
}

Result<size_t> write_arp(std::span<uint8_t> out, const L2Header& l2, const ArpPacket& arp) {
  if (!arp.sender_ip.is_v4() || !arp.target_ip.is_v4()) return DropReason::unhandled;
  if (out.size() < l2.size() + kArpPacketSize) return DropReason::too_short;
  (void)write_l2(out, l2, kEtherTypeArp);
  uint8_t* p = out.data() + l2.size();
  store_be16(p, kHardwareEthernet);
  store_be16(p + 2, kEtherTypeIpv4);
  p[4] = 6;
  p[5] = 4;
  store_be16(p + 6, static_cast<uint16_t>(arp.op));
  std::copy_n(arp.sender_mac.bytes.begin(), 6, p + 8);
  std::copy_n(arp.sender_ip.bytes.begin(), 4, p + 14);
  std::copy_n(arp.target_mac.bytes.begin(), 6, p + 18);
  std::copy_n(arp.target_ip.bytes.begin(), 4, p + 24);
  return l2.size() + kArpPacketSize;
}

Result<size_t> build_arp_reply(std::span<uint8_t> out, const ArpPacket& request,
                               const MacAddress& our_mac, bool has_vlan, uint16_t vlan_tci) {
  L2Header l2{request.sender_mac, our_mac, has_vlan, vlan_tci};
  ArpPacket reply{ArpOp::reply, our_mac, request.target_ip, request.sender_mac,
                  request.sender_ip};
  return write_arp(out, l2, reply);
}

Result<size_t> build_arp_request(std::span<uint8_t> out, const MacAddress& our_mac,
                                 const IpAddress& our_ip, const IpAddress& target,
                                 bool has_vlan, uint16_t vlan_tci) {
  L2Header l2{MacAddress::broadcast(), our_mac, has_vlan, vlan_tci};
  ArpPacket request{ArpOp::request, our_mac, our_ip, MacAddress{}, target};
  return write_arp(out, l2, request);
}

}  // namespace rr::packet
