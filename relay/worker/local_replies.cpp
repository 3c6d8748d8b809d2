#include "relay/worker/local_replies.hpp"

#include "relay/packet/arp.hpp"
#include "relay/packet/icmp.hpp"
#include "relay/packet/nd.hpp"
#include "relay/worker/next_hop.hpp"

namespace rr::worker {
namespace {

using packet::DropReason;
using Reply = packet::Result<LocalReply>;

bool has_vlan(const packet::FrameView& view) { return view.vlan_count > 0; }
// Replies go back on the request's innermost tag.
uint16_t vlan_tci(const packet::FrameView& view) {
  return view.vlan_count > 0 ? view.vlan_tci[view.vlan_count - 1] : 0;
}

Reply reply(packet::Result<size_t> built, Counter counter) {
  if (!built) return built.drop();
  return LocalReply{*built, counter};
}

Reply answer_arp(std::span<uint8_t> frame, const packet::FrameView& view, const PortSetup& port,
                 Neighbours& neighbours, uint64_t now_ms) {
  const auto arp = packet::parse_arp(view.payload);
  if (!arp) return arp.drop();
  // RFC 826: any ARP from an on-link sender refreshes our mapping (replies and requests alike).
  if (on_link(port.addresses, arp->sender_ip)) neighbours.learn(arp->sender_ip, arp->sender_mac, now_ms);
  if (arp->op != packet::ArpOp::request) return LocalReply{};
  if (!is_ours(port.addresses, arp->target_ip)) return DropReason::unhandled;
  return reply(packet::build_arp_reply(frame, *arp, port.mac, has_vlan(view), vlan_tci(view)),
               Counter::arp_replies);
}

Reply answer_solicitation(std::span<uint8_t> frame, const packet::FrameView& view,
                          const PortSetup& port, Neighbours& neighbours, uint64_t now_ms) {
  const auto ns = packet::parse_neighbour_solicitation(view.payload, view.ttl, view.src.address);
  if (!ns) return ns.drop();
  if (ns->source_mac) neighbours.learn(view.src.address, *ns->source_mac, now_ms);
  if (!is_ours(port.addresses, ns->target)) return DropReason::unhandled;
  return reply(packet::build_neighbour_advertisement(frame, *ns, view.src.address, view.src_mac,
                                                     port.mac, has_vlan(view), vlan_tci(view)),
               Counter::nd_advertisements);
}

Reply absorb_advertisement(const packet::FrameView& view, Neighbours& neighbours,
                           uint64_t now_ms) {
  const auto na = packet::parse_neighbour_advertisement(view.payload, view.ttl);
  if (!na) return na.drop();
  if (na->target_mac) neighbours.learn(na->target, *na->target_mac, now_ms);
  return LocalReply{};
}

}  // namespace

packet::Result<LocalReply> answer_locally(std::span<uint8_t> frame, const packet::FrameView& view,
                                          const PortSetup& port, Neighbours& neighbours,
                                          uint64_t now_ms) noexcept {
  switch (view.kind) {
    case packet::FrameKind::arp: return answer_arp(frame, view, port, neighbours, now_ms);
    case packet::FrameKind::neighbour_solicitation:
      return answer_solicitation(frame, view, port, neighbours, now_ms);
    case packet::FrameKind::neighbour_advertisement:
      return absorb_advertisement(view, neighbours, now_ms);
    case packet::FrameKind::icmp_echo_request:
    case packet::FrameKind::icmpv6_echo_request:
      if (!is_ours(port.addresses, view.dst.address)) return DropReason::unhandled;
      return reply(packet::make_echo_reply(frame, view), Counter::echo_replies);
    case packet::FrameKind::udp: break;
  }
  return DropReason::unhandled;
}

}  // namespace rr::worker
