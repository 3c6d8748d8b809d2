#include "relay/worker/egress.hpp"

namespace rr::worker {

packet::EgressHeaders egress_headers(const table::Egress& egress, const Endpoint& destination,
                                     const packet::MacAddress& next_hop_mac,
                                     const PortSetup& port) noexcept {
  packet::EgressHeaders headers;
  headers.l2 = {next_hop_mac, port.mac, port.has_vlan, port.vlan_tci};
  headers.src = egress.source;
  headers.dst = destination;
  headers.ttl = egress.ttl;
  headers.dscp = egress.dscp;
  headers.offload_udp_checksum = port.tx_udp_checksum;
  headers.offload_ipv4_checksum = port.tx_ipv4_checksum;
  return headers;
}

}  // namespace rr::worker
