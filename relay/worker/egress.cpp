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

packet::Result<size_t> rewrite_in_place(std::span<uint8_t> room, size_t payload_at,
                                        size_t payload_size,
                                        const packet::EgressHeaders& headers) noexcept {
  const size_t header = packet::header_size(headers);
  if (payload_at < header || payload_at + payload_size > room.size())
    return packet::DropReason::too_short;
  const size_t start = payload_at - header;
  const auto written = packet::write_egress(room.subspan(start, header + payload_size), headers);
  if (!written) return written.drop();
  return start;
}

}  // namespace rr::worker
