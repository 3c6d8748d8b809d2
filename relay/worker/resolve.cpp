// Next-hop resolution: ARP requests / neighbour solicitations the worker originates, and
// the release of held packets once their neighbour is known.
#include <cstring>

#include <rte_mbuf.h>

#include "relay/packet/arp.hpp"
#include "relay/packet/nd.hpp"
#include "relay/worker/worker.hpp"

namespace rr::worker {

void Worker::solicit(uint8_t port_index, const IpAddress& next_hop, uint64_t now_ms) noexcept {
  const PortSetup& port = port_setups_[port_index];
  // Rate-limited per next hop; a worker other than 0 asks worker 0 instead, since the
  // answer arrives on queue 0.
  if (!neighbours_.should_solicit(port.port_id, next_hop, now_ms)) return;
  const InterfaceAddress* ours = nullptr;
  for (const InterfaceAddress& a : port.addresses)
    if (a.address.family == next_hop.family) { ours = &a; break; }
  if (!ours) return;
  rte_mbuf* mbuf = rte_pktmbuf_alloc(pool_);
  if (!mbuf) return;  // pool exhausted: the held packet times out as no_neighbour
  const std::span<uint8_t> out(rte_pktmbuf_mtod(mbuf, uint8_t*), rte_pktmbuf_tailroom(mbuf));
  const bool v4 = next_hop.is_v4();
  const auto built =
      v4 ? packet::build_arp_request(out, port.mac, ours->address, next_hop,
                                     port.has_vlan, port.vlan_tci)
         : packet::build_neighbour_solicitation(out, port.mac, ours->address, next_hop,
                                                port.has_vlan, port.vlan_tci);
  if (!built) {
    rte_pktmbuf_free(mbuf);
    return;
  }
  mbuf->data_len = static_cast<uint16_t>(*built);
  mbuf->pkt_len = static_cast<uint32_t>(*built);
  counters_.add(v4 ? Counter::arp_requests : Counter::nd_solicitations);
  tx_[port_index].push(mbuf, counters_);
}

void Worker::release_held(const BurstClock& clock) noexcept {
  held_.drain([&](HeldPacket& held) {
    if (const auto mac = neighbours_.find(held.next_hop, clock.ms)) {
      // The headers were written with a zero destination MAC: patch it and send.
      std::memcpy(rte_pktmbuf_mtod(held.mbuf, uint8_t*), mac->bytes.data(), mac->bytes.size());
      tx_[held.port_index].push(held.mbuf, counters_);
      return true;
    }
    if (clock.ms - held.held_ms >= HoldQueue::kMaxHoldMs) {
      counters_.drop(packet::DropReason::no_neighbour);
      rte_pktmbuf_free(held.mbuf);
      return true;
    }
    solicit(held.port_index, held.next_hop, clock.ms);  // retry, rate-limited
    return false;
  });
}

void Worker::serve_neighbour_requests(uint64_t now_ms) noexcept {
  neighbours_.serve(now_ms, [&](uint16_t port_id, const IpAddress& next_hop) {
    for (uint8_t p = 0; p < port_count_; ++p)
      if (port_setups_[p].port_id == port_id) return solicit(p, next_hop, now_ms);
  });
}

}  // namespace rr::worker
