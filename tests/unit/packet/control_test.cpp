// ARP, neighbour discovery and echo: the frames the worker answers itself.
#include "relay/packet/arp.hpp"
#include "relay/packet/frame.hpp"
#include "relay/packet/icmp.hpp"
#include "relay/packet/nd.hpp"
#include "tests/support/packet_builder.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace rr::packet {
namespace {

using test::Bytes;
using test::FrameBuilder;
using test::ip;
using test::mac;

const MacAddress kOurMac = mac("02:00:00:00:00:aa");
const MacAddress kPeerMac = mac("02:00:00:00:00:01");

Bytes cat(Bytes a, const Bytes& b) { return a.insert(a.end(), b.begin(), b.end()), a; }
Bytes v6(const char* text) { IpAddress a = ip(text); return Bytes(a.bytes.begin(), a.bytes.end()); }
Bytes mac_bytes(const MacAddress& m) { return Bytes(m.bytes.begin(), m.bytes.end()); }

TEST(Arp, RepliesByteExactOnTheRequestsVlan) {
  Bytes request = FrameBuilder().eth(kPeerMac, MacAddress::broadcast()).vlan(0x0064)
                      .arp(1, kPeerMac, ip("10.0.0.9"), {}, ip("10.0.0.1")).build();
  auto view = parse_frame(request);
  ASSERT_TRUE(view.ok());
  auto arp = parse_arp(view->payload);
  ASSERT_TRUE(arp.ok());
  EXPECT_EQ(arp->op, ArpOp::request);
  EXPECT_EQ(arp->target_ip, ip("10.0.0.1"));
  Bytes out(64);
  auto size = build_arp_reply(out, *arp, kOurMac, true, view->vlan_tci[0]);
  ASSERT_TRUE(size.ok());
  out.resize(*size);
  EXPECT_EQ(out, FrameBuilder().eth(kOurMac, kPeerMac).vlan(0x0064)
                     .arp(2, kOurMac, ip("10.0.0.1"), kPeerMac, ip("10.0.0.9")).build());
}

TEST(Arp, RequestsAreBroadcast) {
  Bytes out(42);
  auto size = build_arp_request(out, kOurMac, ip("10.0.0.1"), ip("10.0.0.254"));
  ASSERT_TRUE(size.ok());
  EXPECT_EQ(out, FrameBuilder().eth(kOurMac, MacAddress::broadcast())
                     .arp(1, kOurMac, ip("10.0.0.1"), {}, ip("10.0.0.254")).build());
  Bytes small(41);
  EXPECT_EQ(name(build_arp_request(small, kOurMac, ip("10.0.0.1"), ip("10.0.0.254")).drop()), "too_short");
}

struct ArpCase {
  std::string name;
  size_t at;        // byte of the ARP packet to change
  uint8_t value;
  std::optional<DropReason> drop;
};

class ParseArp : public testing::TestWithParam<ArpCase> {};

TEST_P(ParseArp, ChecksEveryFixedField) {
  Bytes arp = FrameBuilder().arp(2, kPeerMac, ip("10.0.0.9"), kOurMac, ip("10.0.0.1")).build();
  arp.erase(arp.begin(), arp.begin() + 14);
  arp[GetParam().at] = GetParam().value;
  auto parsed = parse_arp(arp);
  EXPECT_EQ(parsed.ok(), !GetParam().drop);
  if (GetParam().drop) {
    EXPECT_EQ(name(parsed.drop()), name(*GetParam().drop));
  }
}

INSTANTIATE_TEST_SUITE_P(Fields, ParseArp, testing::Values(
    ArpCase{"reply", 7, 2, {}},
    ArpCase{"hardware_type", 1, 6, DropReason::bad_arp},
    ArpCase{"protocol_type", 2, 0x86, DropReason::bad_arp},
    ArpCase{"hardware_size", 4, 8, DropReason::bad_arp},
    ArpCase{"protocol_size", 5, 16, DropReason::bad_arp},
    ArpCase{"rarp_operation", 7, 3, DropReason::bad_arp}),
    [](const auto& row) { return row.param.name; });

// ICMPv6 ND body after the checksum: 4 bytes flags, target, options.
Bytes nd_body(uint32_t flags, const char* target, Bytes options) {
  Bytes b;
  test::put32(b, flags);
  return cat(cat(b, v6(target)), options);
}
Bytes ll_option(uint8_t type, const MacAddress& m) { return cat({type, 1}, mac_bytes(m)); }

struct NsCase {
  std::string name;
  Bytes body;
  uint8_t hop_limit = 255;
  const char* src = "fe80::1";
  uint8_t code = 0;
  std::optional<DropReason> drop;
  bool has_mac = false;
};

class ParseNs : public testing::TestWithParam<NsCase> {};

TEST_P(ParseNs, FollowsRfc4861Validity) {
  const NsCase& c = GetParam();
  Bytes frame = FrameBuilder().ipv6(ip(c.src), ip("ff02::1:ff00:1")).ttl(c.hop_limit)
                    .icmp(135, c.code, c.body).build();
  auto view = parse_frame(frame);
  ASSERT_TRUE(view.ok());
  auto ns = parse_neighbour_solicitation(view->payload, view->ttl, view->src.address);
  ASSERT_EQ(ns.ok(), !c.drop);
  if (c.drop) {
    EXPECT_EQ(name(ns.drop()), name(*c.drop));
    return;
  }
  EXPECT_EQ(ns->target, ip("2001:db8::1"));
  EXPECT_EQ(ns->source_mac.has_value(), c.has_mac);
  if (c.has_mac) {
    EXPECT_EQ(*ns->source_mac, kPeerMac);
  }
}

INSTANTIATE_TEST_SUITE_P(Rfc4861, ParseNs, testing::Values(
    NsCase{"with_source_mac", nd_body(0, "2001:db8::1", ll_option(1, kPeerMac)), 255, "fe80::1", 0, {}, true},
    NsCase{"without_options", nd_body(0, "2001:db8::1", {}), 255, "fe80::1", 0, {}, false},
    NsCase{"skips_unknown_option", nd_body(0, "2001:db8::1", cat({14, 1, 0, 0, 0, 0, 0, 0}, ll_option(1, kPeerMac))), 255, "fe80::1", 0, {}, true},
    NsCase{"dad_without_mac", nd_body(0, "2001:db8::1", {}), 255, "::", 0, {}, false},
    NsCase{"dad_with_mac", nd_body(0, "2001:db8::1", ll_option(1, kPeerMac)), 255, "::", 0, DropReason::bad_icmp},
    NsCase{"routed_hop_limit", nd_body(0, "2001:db8::1", {}), 254, "fe80::1", 0, DropReason::bad_icmp},
    NsCase{"code_1", nd_body(0, "2001:db8::1", {}), 255, "fe80::1", 1, DropReason::bad_icmp},
    NsCase{"multicast_target", nd_body(0, "ff02::1", {}), 255, "fe80::1", 0, DropReason::bad_icmp},
    NsCase{"zero_length_option", nd_body(0, "2001:db8::1", {1, 0, 0, 0, 0, 0, 0, 0}), 255, "fe80::1", 0, DropReason::bad_icmp},
    NsCase{"option_beyond_message", nd_body(0, "2001:db8::1", {1, 2, 0, 0, 0, 0, 0, 0}), 255, "fe80::1", 0, DropReason::bad_icmp},
    NsCase{"truncated_target", Bytes(12, 0), 255, "fe80::1", 0, DropReason::bad_icmp}),
    [](const auto& row) { return row.param.name; });

TEST(Nd, ParsesAdvertisementFlagsAndTargetMac) {
  Bytes frame = FrameBuilder().ipv6(ip("fe80::1"), ip("fe80::2")).ttl(255)
                    .icmp(136, 0, nd_body(0xe0000000, "2001:db8::1", ll_option(2, kPeerMac))).build();
  auto view = parse_frame(frame);
  ASSERT_TRUE(view.ok());
  auto na = parse_neighbour_advertisement(view->payload, view->ttl);
  ASSERT_TRUE(na.ok());
  EXPECT_TRUE(na->router && na->solicited && na->override_entry);
  EXPECT_EQ(na->target, ip("2001:db8::1"));
  EXPECT_EQ(na->target_mac, kPeerMac);
  EXPECT_FALSE(parse_neighbour_advertisement(view->payload, 64).ok());
  EXPECT_FALSE(parse_neighbour_solicitation(view->payload, 255, ip("fe80::1")).ok());
}

TEST(Nd, AdvertisesOurAddressByteExact) {
  NeighbourSolicitation ns{ip("2001:db8::1"), kPeerMac};
  Bytes out(86);
  auto size = build_neighbour_advertisement(out, ns, ip("2001:db8::9"), kPeerMac, kOurMac);
  ASSERT_TRUE(size.ok());
  EXPECT_EQ(out, FrameBuilder().eth(kOurMac, kPeerMac).ipv6(ip("2001:db8::1"), ip("2001:db8::9"))
                     .ttl(255).icmp(136, 0, nd_body(0x60000000, "2001:db8::1", ll_option(2, kOurMac)))
                     .build());
}

TEST(Nd, AnswersDuplicateAddressDetectionToAllNodes) {
  NeighbourSolicitation ns{ip("2001:db8::1"), std::nullopt};
  Bytes out(90);
  auto size = build_neighbour_advertisement(out, ns, ip("::"), kPeerMac, kOurMac, true, 7);
  ASSERT_TRUE(size.ok());
  EXPECT_EQ(out, FrameBuilder().eth(kOurMac, mac("33:33:00:00:00:01")).vlan(7)
                     .ipv6(ip("2001:db8::1"), ip("ff02::1")).ttl(255)
                     .icmp(136, 0, nd_body(0x20000000, "2001:db8::1", ll_option(2, kOurMac))).build());
}

TEST(Nd, SolicitsTheSolicitedNodeGroup) {
  EXPECT_EQ(solicited_node_address(ip("2001:db8::12:3456:789a")), ip("ff02::1:ff56:789a"));
  EXPECT_EQ(ipv6_multicast_mac(ip("ff02::1:ff56:789a")), mac("33:33:ff:56:78:9a"));
  Bytes out(86);
  auto size = build_neighbour_solicitation(out, kOurMac, ip("2001:db8::1"), ip("2001:db8::12:3456:789a"));
  ASSERT_TRUE(size.ok());
  EXPECT_EQ(out, FrameBuilder().eth(kOurMac, mac("33:33:ff:56:78:9a"))
                     .ipv6(ip("2001:db8::1"), ip("ff02::1:ff56:789a")).ttl(255)
                     .icmp(135, 0, nd_body(0, "2001:db8::12:3456:789a", ll_option(1, kOurMac))).build());
}

TEST(Echo, RepliesToIpv4PingInPlace) {
  Bytes request = FrameBuilder().eth(kPeerMac, kOurMac).ipv4(ip("10.0.0.9"), ip("10.0.0.1")).ttl(5)
                      .icmp_echo(0x4242, 3, Bytes(56, 0x61)).trailer(6).build();
  auto view = parse_frame(request);
  ASSERT_TRUE(view.ok());
  auto size = make_echo_reply(request, *view);
  ASSERT_TRUE(size.ok());
  request.resize(*size);
  Bytes body{0x42, 0x42, 0x00, 0x03};
  EXPECT_EQ(request, FrameBuilder().eth(kOurMac, kPeerMac).ipv4(ip("10.0.0.1"), ip("10.0.0.9"))
                         .icmp(0, 0, cat(body, Bytes(56, 0x61))).build());
}

TEST(Echo, RepliesToIpv6PingInPlace) {
  Bytes request = FrameBuilder().eth(kPeerMac, kOurMac).ipv6(ip("2001:db8::9"), ip("2001:db8::1"))
                      .icmp_echo(0x4242, 3, Bytes(8, 0x61)).build();
  auto view = parse_frame(request);
  ASSERT_TRUE(view.ok());
  auto size = make_echo_reply(request, *view);
  ASSERT_TRUE(size.ok());
  EXPECT_EQ(request, FrameBuilder().eth(kOurMac, kPeerMac).ipv6(ip("2001:db8::1"), ip("2001:db8::9"))
                         .icmp(129, 0, cat({0x42, 0x42, 0x00, 0x03}, Bytes(8, 0x61))).build());
  auto udp = parse_frame(FrameBuilder().ipv4(ip("10.0.0.9"), ip("10.0.0.1")).udp(1, 2).build());
  ASSERT_TRUE(udp.ok());
  EXPECT_EQ(name(make_echo_reply(request, *udp).drop()), "unhandled");
}

}  // namespace
}  // namespace rr::packet
