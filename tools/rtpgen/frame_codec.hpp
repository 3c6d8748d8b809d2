// Ethernet/IPv4/IPv6 + UDP framing of rtpgen's RTP packets for the DPDK transport, built and
// parsed with relay/packet (write_egress, parse_frame, the ARP and ND builders): pure, so it is
// unit tested and fuzzed without EAL. The generator is a host on its own veth end: it owns one
// address, answers ARP (IPv4) or neighbour solicitations (IPv6) for it, and sends to its next
// hop's MAC given statically.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "relay/packet/address.hpp"
#include "relay/packet/arp.hpp"
#include "relay/packet/drop_reason.hpp"
#include "relay/packet/ethernet.hpp"
#include "relay/packet/nd.hpp"
#include "relay/packet/rewrite.hpp"
#include "tools/rtpgen/packet_format.hpp"

namespace rr::rtpgen {

struct LinkAddresses {
  packet::MacAddress our_mac;
  packet::MacAddress peer_mac;  // the next hop: the relay's port, or the host's veth end
  IpAddress our_ip;
};

// Headers of every packet one side sends on one stream, from our UDP port to `to`. UDP
// checksums are computed in software: a veth hands them to the kernel as they are.
packet::EgressHeaders probe_egress(const LinkAddresses& link, uint16_t our_port, const Endpoint& to);

// Largest frame write_probe_frame makes: IPv6 with a VLAN tag.
inline constexpr size_t kMaxProbeFrame = 66 + kMaxWirePacket;

// Writes the whole frame carrying `rtp` (RTP or SRTP, at most kMaxWirePacket bytes); returns its size, or 0 when `out` is too small or
// the headers are inconsistent (address families differ).
size_t write_probe_frame(std::span<uint8_t> out, const packet::EgressHeaders& egress,
                         std::span<const uint8_t> rtp);

enum class FrameAction : uint8_t {
  datagram,    // `payload` is a UDP payload for the sink (whatever its addresses: testpmd
               // io-forward hands over frames still addressed to the relay)
  answer_arp,  // `arp` is a request for our address
  answer_nd,   // `ns` is a neighbour solicitation for our address, from `solicitor`
  ignore,      // counted: `reason` says why (parse failure, or not for us: unhandled)
};

struct ClassifiedFrame {
  FrameAction action = FrameAction::ignore;
  std::span<const uint8_t> payload;
  packet::ArpPacket arp;
  packet::NeighbourSolicitation ns;
  IpAddress solicitor_ip;
  packet::MacAddress solicitor_mac;
  packet::DropReason reason = packet::DropReason::unhandled;
};

// A received frame, which may be anything. Never reads outside `frame`.
ClassifiedFrame classify_frame(std::span<const uint8_t> frame, const IpAddress& our_ip);

}  // namespace rr::rtpgen
