// ARP (RFC 826) for Ethernet/IPv4 only: parse requests and replies, answer requests for
// our addresses, and ask for a next hop's MAC.
#pragma once

#include "relay/packet/address.hpp"
#include "relay/packet/ethernet.hpp"
#include "relay/packet/result.hpp"

#include <cstdint>
#include <span>

namespace rr::packet {

inline constexpr size_t kArpPacketSize = 28;

enum class ArpOp : uint16_t { request = 1, reply = 2 };

struct ArpPacket {
  ArpOp op = ArpOp::request;
  MacAddress sender_mac;
  IpAddress sender_ip;
  MacAddress target_mac;  // zero in a request
  IpAddress target_ip;
};

// `arp` is FrameView::payload of a FrameKind::arp frame. Errors: bad_arp (hardware type
// not Ethernet, protocol not IPv4, wrong address sizes, operation not request/reply),
// too_short.
Result<ArpPacket> parse_arp(std::span<const uint8_t> arp);

// Writes `l2` + the ARP packet at the start of `out`; returns the frame size
// (l2.size() + 28; the NIC pads to 60) or too_short.
Result<size_t> write_arp(std::span<uint8_t> out, const L2Header& l2, const ArpPacket& arp);

// The reply to `request` from `our_mac` (which owns request.target_ip), unicast to the
// requester, on `vlan` when has_vlan: caller passes the request's tag.
Result<size_t> build_arp_reply(std::span<uint8_t> out, const ArpPacket& request,
                               const MacAddress& our_mac, bool has_vlan = false,
                               uint16_t vlan_tci = 0);

// A broadcast request for `target` from our_mac/our_ip, to resolve a next hop.
Result<size_t> build_arp_request(std::span<uint8_t> out, const MacAddress& our_mac,
                                 const IpAddress& our_ip, const IpAddress& target,
                                 bool has_vlan = false, uint16_t vlan_tci = 0);

}  // namespace rr::packet
