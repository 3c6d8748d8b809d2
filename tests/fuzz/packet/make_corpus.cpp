// Writes the seed corpus: a few real-looking frames, each prefixed by the options byte.
#include "tests/support/packet_builder.hpp"

#include <cstdio>
#include <fstream>
#include <string>

using namespace rr::test;

int main(int argc, char** argv) {
  if (argc != 2) return std::fprintf(stderr, "usage: %s corpus-dir\n", argv[0]), 1;
  const Mac a = mac("52:54:00:12:34:56"), b = mac("52:54:00:ab:cd:ef");
  auto rtp = [&] { return FrameBuilder().eth(a, b).udp(16384, 10000).rtp(4711, 160 * 4711, 0x5ca1ab1e, 0).payload(160, 0xff); };
  auto ns = Bytes{0, 0, 0, 0};
  rr::IpAddress target = ip("2001:db8::1");
  ns.insert(ns.end(), target.bytes.begin(), target.bytes.end());
  ns.insert(ns.end(), {1, 1, 0x52, 0x54, 0x00, 0x12, 0x34, 0x56});
  const std::pair<const char*, Bytes> seeds[] = {
      {"rtp_ipv4", rtp().ipv4(ip("192.0.2.10"), ip("203.0.113.1")).build()},
      {"rtp_ipv4_vlan", rtp().vlan(0x0064).ipv4(ip("192.0.2.10"), ip("203.0.113.1")).build()},
      {"rtp_ipv6", rtp().ipv6(ip("2001:db8::10"), ip("2001:db8::1")).build()},
      {"rtcp_sr", FrameBuilder().eth(a, b).ipv4(ip("192.0.2.10"), ip("203.0.113.1")).udp(16385, 10001)
                      .rtcp(200, 0, 0x5ca1ab1e, Bytes(20, 1)).build()},
      {"arp_request", FrameBuilder().eth(a, Mac::broadcast()).arp(1, a, ip("192.0.2.10"), {}, ip("192.0.2.1")).trailer(18).build()},
      {"icmp_echo", FrameBuilder().eth(a, b).ipv4(ip("192.0.2.10"), ip("203.0.113.1")).icmp_echo(1, 1, Bytes(56, 0x61)).build()},
      {"icmpv6_echo", FrameBuilder().eth(a, b).ipv6(ip("2001:db8::10"), ip("2001:db8::1")).icmp_echo(1, 1, Bytes(56, 0x61)).build()},
      {"neighbour_solicitation", FrameBuilder().eth(a, mac("33:33:ff:00:00:01")).ipv6(ip("fe80::5054:ff:fe12:3456"), ip("ff02::1:ff00:1"))
                                     .ttl(255).icmp(135, 0, ns).build()},
  };
  for (const auto& [name, frame] : seeds) {
    std::ofstream out(std::string(argv[1]) + "/" + name, std::ios::binary);
    out.put(3);  // verify both checksums
    out.write(reinterpret_cast<const char*>(frame.data()), static_cast<std::streamsize>(frame.size()));
  }
  return 0;
}
