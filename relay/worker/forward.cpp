#include "relay/worker/forward.hpp"

#include "relay/worker/egress.hpp"
#include "relay/worker/next_hop.hpp"

namespace rr::worker {
namespace {

int port_index_of(std::span<const PortSetup> ports, uint16_t port_id) noexcept {
  for (size_t i = 0; i < ports.size(); ++i)
    if (ports[i].port_id == port_id) return static_cast<int>(i);
  return -1;
}

}  // namespace

packet::Result<Forwarded> forward_media(ForwardContext& context, uint8_t in_port,
                                        std::span<uint8_t> room, size_t data_off,
                                        const packet::FrameView& view,
                                        const BurstClock& clock) noexcept {
  using packet::DropReason;
  // Every frame from an on-link peer refreshes its MAC, so replies rarely need ARP.
  if (!view.src_mac.is_multicast() && on_link(context.ports[in_port].addresses, view.src.address))
    context.neighbours.learn(view.src.address, view.src_mac, clock.ms);

  const size_t payload_at = data_off + view.payload_offset;
  const auto decision = decide_media(context.table, view, room.subspan(payload_at), clock);
  if (!decision) return decision.drop();
  const int out_index = port_index_of(context.ports, decision->entry->egress.port_id);
  if (out_index < 0) return DropReason::unhandled;
  const PortSetup& out = context.ports[static_cast<size_t>(out_index)];
  const auto hop = next_hop(out.addresses, decision->destination.address);
  if (!hop) return DropReason::no_neighbour;
  const auto mac = context.neighbours.find(*hop, clock.ms);

  const auto headers = egress_headers(decision->entry->egress, decision->destination,
                                      mac ? *mac : packet::MacAddress{}, out);
  const auto start = rewrite_in_place(room, payload_at, decision->payload_size, headers);
  if (!start) return start.drop();

  Forwarded forwarded;
  forwarded.port_index = static_cast<uint8_t>(out_index);
  forwarded.data_off = *start;
  forwarded.data_len = packet::header_size(headers) + decision->payload_size;
  forwarded.l2_len = static_cast<uint8_t>(headers.l2.size());
  forwarded.v4 = headers.dst.address.is_v4();
  forwarded.rtcp = decision->rtcp;
  forwarded.resolved = mac.has_value();
  forwarded.next_hop = *hop;
  return forwarded;
}

}  // namespace rr::worker
