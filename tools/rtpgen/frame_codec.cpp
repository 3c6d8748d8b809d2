#include "tools/rtpgen/frame_codec.hpp"

#include <algorithm>

#include "relay/packet/frame.hpp"

namespace rr::rtpgen {

packet::EgressHeaders probe_egress(const LinkAddresses& link, uint16_t our_port, const Endpoint& to) {
  packet::EgressHeaders egress;
  egress.l2.dst = link.peer_mac;
  egress.l2.src = link.our_mac;
  egress.src = {link.our_ip, our_port};
  egress.dst = to;
  return egress;
}

size_t write_probe_frame(std::span<uint8_t> out, const packet::EgressHeaders& egress,
                         std::span<const uint8_t> rtp) {
  const size_t headers = packet::header_size(egress);
  if (rtp.size() > kMaxWirePacket || out.size() < headers + rtp.size()) return 0;
  std::copy(rtp.begin(), rtp.end(), out.begin() + static_cast<std::ptrdiff_t>(headers));
  packet::Result<size_t> written = packet::write_egress(out.first(headers + rtp.size()), egress);
  return written ? *written : 0;
}

ClassifiedFrame classify_frame(std::span<const uint8_t> frame, const IpAddress& our_ip) {
  ClassifiedFrame result;
  packet::Result<packet::FrameView> view = packet::parse_frame(frame);
  if (!view) {
    result.reason = view.drop();
    return result;
  }
  if (view->kind == packet::FrameKind::udp) {
    result.action = FrameAction::datagram;
    result.payload = view->payload;
    return result;
  }
  if (view->kind == packet::FrameKind::neighbour_solicitation) {
    packet::Result<packet::NeighbourSolicitation> ns =
        packet::parse_neighbour_solicitation(view->payload, view->ttl, view->src.address);
    if (!ns) {
      result.reason = ns.drop();
    } else if (ns->target == our_ip) {
      result.action = FrameAction::answer_nd;
      result.ns = *ns;
      result.solicitor_ip = view->src.address;
      result.solicitor_mac = view->src_mac;
    }
    return result;  // solicitations for others: unhandled
  }
  if (view->kind != packet::FrameKind::arp) return result;  // unhandled: ICMP, advertisements
  packet::Result<packet::ArpPacket> arp = packet::parse_arp(view->payload);
  if (!arp) {
    result.reason = arp.drop();
    return result;
  }
  if (arp->op == packet::ArpOp::request && arp->target_ip == our_ip) {
    result.action = FrameAction::answer_arp;
    result.arp = *arp;
  }
  return result;  // replies and requests for others: unhandled
}

}  // namespace rr::rtpgen
