#include "relay/packet/rewrite.hpp"

#include "relay/packet/bytes.hpp"
#include "relay/packet/checksum.hpp"
#include "relay/packet/frame.hpp"
#include "relay/packet/ip_header.hpp"

namespace rr::packet {

size_t header_size(const EgressHeaders& egress) {
  size_t ip = egress.dst.address.is_v4() ? kIpv4HeaderSize : kIpv6HeaderSize;
  return egress.l2.size() + ip + kUdpHeaderSize;
}

namespace {

// Ports and length of a UDP header (its checksum field counted as zero).
uint64_t udp_header_sum(uint16_t src_port, uint16_t dst_port, uint32_t udp_size) {
  return uint64_t{src_port} + dst_port + udp_size;
}

}  // namespace

std::optional<uint16_t> received_payload_sum(const FrameView& view) {
  if (view.udp_checksum == 0) return std::nullopt;
  const auto udp_size = static_cast<uint32_t>(view.payload.size() + kUdpHeaderSize);
  const uint16_t headers = fold(pseudo_header_sum(view.src.address, view.dst.address, kIpProtoUdp, udp_size) +
                                udp_header_sum(view.src.port, view.dst.port, udp_size));
  // ~checksum = headers + payload, so payload = ~checksum + (-headers), and -x is ~x.
  return fold(uint64_t{static_cast<uint16_t>(~view.udp_checksum)} + static_cast<uint16_t>(~headers));
}

Result<size_t> write_egress(std::span<uint8_t> frame, const EgressHeaders& egress) {
  const IpAddress& src = egress.src.address;
  const IpAddress& dst = egress.dst.address;
  if (src.family != dst.family) return DropReason::unhandled;
  const size_t headers = header_size(egress);
  if (frame.size() < headers) return DropReason::too_short;
  const size_t udp_size = frame.size() - headers + kUdpHeaderSize;
  const size_t ip_header = dst.is_v4() ? kIpv4HeaderSize : kIpv6HeaderSize;
  // IPv4 counts its own header in the 16-bit total length, IPv6 does not.
  if (udp_size + (dst.is_v4() ? ip_header : 0) > 0xffff) return DropReason::mtu_exceeded;

  uint8_t* ip = frame.data() + egress.l2.size();
  (void)write_l2(frame, egress.l2, dst.is_v4() ? kEtherTypeIpv4 : kEtherTypeIpv6);
  IpHeaderFields fields{src, dst, kIpProtoUdp, static_cast<uint16_t>(udp_size), egress.ttl,
                        static_cast<uint8_t>(egress.dscp << 2)};
  if (dst.is_v4()) {
    write_ipv4_header(ip, fields, egress.offload_ipv4_checksum);
  } else {
    write_ipv6_header(ip, fields);
  }

  uint8_t* udp = ip + ip_header;
  store_be16(udp, egress.src.port);
  store_be16(udp + 2, egress.dst.port);
  store_be16(udp + 4, static_cast<uint16_t>(udp_size));
  store_be16(udp + 6, 0);
  if (egress.offload_udp_checksum) {
    // The NIC adds the datagram's sum to this and complements.
    store_be16(udp + 6, fold(pseudo_header_sum(src, dst, kIpProtoUdp,
                                               static_cast<uint32_t>(udp_size))));
  } else if (egress.payload_sum) {
    // Measured (worker_bench, 1 stream): 30 % of the per-packet time was this pass over a
    // G.711 payload; the sum carried over from the received checksum costs a few adds.
    const uint64_t sum = pseudo_header_sum(src, dst, kIpProtoUdp, static_cast<uint32_t>(udp_size)) +
                         udp_header_sum(egress.src.port, egress.dst.port, static_cast<uint32_t>(udp_size)) +
                         *egress.payload_sum;
    const auto checksum = static_cast<uint16_t>(~fold(sum));
    store_be16(udp + 6, udp_checksum_field(checksum));
  } else {
    store_be16(udp + 6, udp_checksum(src, dst, std::span<const uint8_t>(udp, udp_size)));
  }
  return frame.size();
}

}  // namespace rr::packet
