// Writers of fresh IPv4 and IPv6 headers, shared by the media rewrite and the ND builders.
// Callers check that 20 / 40 bytes are available at `p` and that src/dst have the family.
#pragma once

#include "relay/packet/address.hpp"

#include <cstdint>

namespace rr::packet {

struct IpHeaderFields {
  const IpAddress& src;
  const IpAddress& dst;
  uint8_t protocol;         // next header for IPv6
  uint16_t payload_size;    // bytes after the IP header
  uint8_t ttl;              // hop limit for IPv6
  uint8_t tos;              // traffic class for IPv6: DSCP << 2 | ECN
};

// Don't-fragment, identification 0 (RFC 6864: atomic datagrams), no options. The header
// checksum is computed unless `offload_checksum` (then 0, for the NIC to fill).
void write_ipv4_header(uint8_t* p, const IpHeaderFields& f, bool offload_checksum = false);
// Flow label 0.
void write_ipv6_header(uint8_t* p, const IpHeaderFields& f);

}  // namespace rr::packet
