#include "relay/packet/ip_header.hpp"

#include "relay/packet/bytes.hpp"
#include "relay/packet/checksum.hpp"

#include <algorithm>
#include <span>

namespace rr::packet {

void write_ipv4_header(uint8_t* p, const IpHeaderFields& f, bool offload_checksum) {
  p[0] = 0x45;  // version 4, 5 words
  p[1] = f.tos;
  store_be16(p + 2, static_cast<uint16_t>(20 + f.payload_size));
  store_be32(p + 4, 0x00004000);  // id 0, DF
  p[8] = f.ttl;
  p[9] = f.protocol;
  store_be16(p + 10, 0);
  std::copy_n(f.src.bytes.begin(), 4, p + 12);
  std::copy_n(f.dst.bytes.begin(), 4, p + 16);
  if (!offload_checksum) store_be16(p + 10, internet_checksum(std::span(p, 20)));
}

void write_ipv6_header(uint8_t* p, const IpHeaderFields& f) {
  store_be32(p, 6u << 28 | uint32_t{f.tos} << 20);
  store_be16(p + 4, f.payload_size);
  p[6] = f.protocol;
  p[7] = f.ttl;
  std::copy_n(f.src.bytes.begin(), 16, p + 8);
  std::copy_n(f.dst.bytes.begin(), 16, p + 24);
}

}  // namespace rr::packet
