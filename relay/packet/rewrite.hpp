// Egress: write fresh Ethernet [+VLAN] + IPv4/IPv6 + UDP headers in front of a UDP
// payload. The relay originates every packet it sends (it is the endpoint each side
// talks to), so headers are written whole, never patched; the size depends only on the
// egress description, which lets the worker move the mbuf data pointer before writing
// and bridge IPv4 <-> IPv6 by a different header size.
#pragma once

#include "relay/packet/address.hpp"
#include "relay/packet/ethernet.hpp"
#include "relay/packet/frame.hpp"
#include "relay/packet/result.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace rr::packet {

// Precomputed by control per stream direction; immutable while published.
struct EgressHeaders {
  L2Header l2;             // next hop MAC, our MAC, optional VLAN
  Endpoint src;            // the relay's local endpoint on the egress side
  Endpoint dst;            // the peer (latched or from SDP); same family as src
  uint8_t ttl = 64;        // IPv4 TTL / IPv6 hop limit
  uint8_t dscp = 46;       // 6 bits; EF (46) is what RFC 4594 recommends for telephony
  // Leave the UDP checksum to the NIC (RTE_MBUF_F_TX_UDP_CKSUM): the field then holds the
  // folded pseudo-header sum, as rte_ipv4_phdr_cksum()/rte_ipv6_phdr_cksum() would.
  bool offload_udp_checksum = false;
  // Leave the IPv4 header checksum to the NIC (RTE_MBUF_F_TX_IP_CKSUM): the field is 0.
  bool offload_ipv4_checksum = false;
  // The folded one's complement sum of the (unchanged) payload, if known: the UDP checksum is
  // then derived from it instead of read from every payload byte (received_payload_sum).
  std::optional<uint16_t> payload_sum;
};

// The payload's one's complement sum recovered from the received UDP checksum (RFC 1624
// arithmetic: remove the pseudo-header and UDP header words from ~checksum) without reading
// the payload. Valid for as long as the payload is unchanged (no SRTP transform). nullopt
// when the sender sent no checksum (IPv4 0). A wrong received checksum yields a wrong sum,
// so the relayed datagram stays detectably corrupt instead of being "repaired".
std::optional<uint16_t> received_payload_sum(const FrameView& view);

// L2 + IP + UDP bytes that write_egress puts before the payload: 42/46 (v4), 62/66 (v6).
size_t header_size(const EgressHeaders& egress);

// `frame` is header_size(egress) bytes of room followed by the UDP payload, which is
// left untouched. Writes all headers with their lengths and checksums.
// Returns frame.size(), or: too_short (frame smaller than the headers), mtu_exceeded (the
// IP packet would exceed 65535 bytes), unhandled (src and dst of different families).
Result<size_t> write_egress(std::span<uint8_t> frame, const EgressHeaders& egress);

}  // namespace rr::packet
