// Writes the seed corpus: the frames a relay port sees in a call, each prefixed by the
// options byte (bit 0 ingress port, bit 1 verify the IPv4 checksum).
#include <cstdio>
#include <fstream>
#include <string>

#include "tests/support/packet_builder.hpp"

using namespace rr::test;

int main(int argc, char** argv) {
  if (argc != 2) return std::fprintf(stderr, "usage: %s corpus-dir\n", argv[0]), 1;
  const Mac phone_a = mac("02:00:00:00:0a:0a"), relay_a = mac("02:00:00:00:aa:01");
  const Mac phone_b = mac("02:00:00:00:0b:0b"), relay_b = mac("02:00:00:00:bb:01");
  const auto a = ip("192.0.2.10"), b = ip("198.51.100.20"), b6 = ip("2001:db8:b::20");
  Bytes na = {0x60, 0, 0, 0};  // solicited + override, target B, target link-layer option
  na.insert(na.end(), b6.bytes.begin(), b6.bytes.end());
  na.insert(na.end(), {2, 1, 0x02, 0, 0, 0, 0x0b, 0x0b});
  Bytes ns = {0, 0, 0, 0};
  const auto relay_b6 = ip("2001:db8:b::1");
  ns.insert(ns.end(), relay_b6.bytes.begin(), relay_b6.bytes.end());
  ns.insert(ns.end(), {1, 1, 0x02, 0, 0, 0, 0x0b, 0x0b});
  struct Seed {
    const char* name;
    char options;
    Bytes frame;
  };
  const Seed seeds[] = {
      {"rtp_from_a", 2, FrameBuilder().eth(phone_a, relay_a).ipv4(a, ip("192.0.2.1")).udp(4000, 10000)
                            .rtp(7, 7 * 160, 0x11223344, 0).payload(160, 0xd5).build()},
      {"rtp_from_b", 3, FrameBuilder().eth(phone_b, relay_b).ipv4(b, ip("198.51.100.1")).udp(5000, 10002)
                            .rtp(9, 9 * 160, 0x55667788, 8).payload(160, 0x55).build()},
      // Bursts (bits 2-3: copies - 1): three from A, protected and their tags paired, the
      // payload odd so the tags start at an odd offset; two from B, plain.
      {"rtp_from_a_burst3", 2 | 2 << 2, FrameBuilder().eth(phone_a, relay_a).ipv4(a, ip("192.0.2.1")).udp(4000, 10000)
                                          .rtp(8, 8 * 160, 0x11223344, 0).payload(161, 0xd5).build()},
      {"rtp_from_b_burst2", 3 | 1 << 2, FrameBuilder().eth(phone_b, relay_b).ipv4(b, ip("198.51.100.1")).udp(5000, 10002)
                                          .rtp(10, 10 * 160, 0x55667788, 8).payload(160, 0x55).build()},
      {"rtcp_mux_from_a", 2, FrameBuilder().eth(phone_a, relay_a).ipv4(a, ip("192.0.2.1")).udp(4000, 10000)
                                 .rtcp(200, 0, 0x11223344, Bytes(20, 1)).build()},
      {"rtp_stranger_vlan", 0, FrameBuilder().eth(phone_a, relay_a).vlan(100).ipv4(ip("192.0.2.66"), ip("192.0.2.1"))
                                   .udp(4444, 10000).rtp(1, 160, 0xdeadbeef, 0).payload(20, 0).build()},
      {"arp_request_a", 0, FrameBuilder().eth(phone_a, Mac::broadcast()).arp(1, phone_a, a, {}, ip("192.0.2.1")).trailer(18).build()},
      {"arp_reply_b", 1, FrameBuilder().eth(phone_b, relay_b).arp(2, phone_b, b, relay_b, ip("198.51.100.1")).build()},
      {"ns_for_relay_b", 1, FrameBuilder().eth(phone_b, mac("33:33:ff:00:00:01")).ipv6(b6, ip("ff02::1:ff00:1"))
                                .ttl(255).icmp(135, 0, ns).build()},
      {"na_from_b", 1, FrameBuilder().eth(phone_b, relay_b).ipv6(b6, relay_b6).ttl(255).icmp(136, 0, na).build()},
      {"ping_relay_a", 2, FrameBuilder().eth(phone_a, relay_a).ipv4(a, ip("192.0.2.1")).icmp_echo(1, 1, Bytes(56, 0x61)).build()},
  };
  for (const Seed& seed : seeds) {
    std::ofstream out(std::string(argv[1]) + "/" + seed.name, std::ios::binary);
    out.put(seed.options);
    out.write(reinterpret_cast<const char*>(seed.frame.data()), static_cast<std::streamsize>(seed.frame.size()));
  }
  return 0;
}
