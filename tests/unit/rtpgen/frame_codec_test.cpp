// rtpgen's DPDK framing: what it writes must be exactly the frame the independent test
// builder makes (checksums included), and what it reads is classified without EAL.
#include "tools/rtpgen/frame_codec.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "relay/packet/frame.hpp"
#include "tests/support/packet_builder.hpp"
#include "tools/rtpgen/transmitter.hpp"

namespace rr::rtpgen {
namespace {

using test::ip;
using test::mac;
using test::Mac;

const LinkAddresses kLink{mac("02:00:00:00:00:0a"), mac("02:00:00:00:00:01"), ip("10.77.1.2")};

RtpPacket probe(uint32_t stream) {
  RtpPacket rtp{};
  write_packet({7, 1120, 0xabcd, false, stream, 123456789}, rtp);
  return rtp;
}

TEST(FrameCodec, WritesTheFrameTheReferenceBuilderMakes) {
  const struct {
    const char* to;
    uint16_t to_port;
  } rows[] = {{"10.77.1.1", 10000}, {"10.77.2.1", 59998}};
  for (const auto& row : rows) {
    const RtpPacket rtp = probe(3);
    std::vector<uint8_t> out(kMaxProbeFrame);
    size_t size = write_probe_frame(out, probe_egress(kLink, 30000, {ip(row.to), row.to_port}), rtp);
    out.resize(size);
    test::Bytes expected = test::FrameBuilder()
                               .eth(kLink.our_mac, kLink.peer_mac)
                               .ipv4(kLink.our_ip, ip(row.to))
                               .tos(46 << 2)
                               .udp(30000, row.to_port)
                               .payload(test::Bytes(rtp.begin(), rtp.end()))
                               .build();
    ASSERT_EQ(out.size(), expected.size()) << row.to;
    // Identification and flags differ by builder convention (RFC 6864); compare around them.
    EXPECT_TRUE(std::equal(out.begin(), out.begin() + 18, expected.begin())) << row.to;
    EXPECT_TRUE(std::equal(out.begin() + 26, out.end(), expected.begin() + 26)) << row.to;
    EXPECT_EQ(test::reference_checksum(std::span(out).subspan(14, 20)), 0) << row.to;  // IPv4 header
  }
}

TEST(FrameCodec, RefusesTooSmallBuffersAndMixedFamilies) {
  const RtpPacket rtp = probe(0);
  std::vector<uint8_t> small(kPacketSize + 10);
  EXPECT_EQ(write_probe_frame(small, probe_egress(kLink, 30000, {ip("10.77.1.1"), 10000}), rtp), 0u);
  std::vector<uint8_t> out(kMaxProbeFrame);
  EXPECT_EQ(write_probe_frame(out, probe_egress(kLink, 30000, {ip("2001:db8::1"), 10000}), rtp), 0u);
}

TEST(FrameCodec, ClassifiesWhatArrives) {
  const Mac relay = mac("02:00:00:00:00:01");
  const RtpPacket rtp = probe(5);
  const struct {
    const char* name;
    test::Bytes frame;
    FrameAction action;
    packet::DropReason reason;
  } rows[] = {
      {"probe to us", test::FrameBuilder().eth(relay, kLink.our_mac).ipv4(ip("10.77.1.1"), kLink.our_ip)
           .udp(10000, 30000).payload(test::Bytes(rtp.begin(), rtp.end())).build(),
       FrameAction::datagram, packet::DropReason::unhandled},
      // testpmd io-forward hands over frames still addressed to the relay: count them too.
      {"probe to another address", test::FrameBuilder().eth(relay, kLink.our_mac).ipv4(kLink.our_ip, ip("10.77.1.1"))
           .udp(30000, 10000).payload(test::Bytes(rtp.begin(), rtp.end())).build(),
       FrameAction::datagram, packet::DropReason::unhandled},
      {"ARP request for us", test::FrameBuilder().eth(relay, packet::MacAddress::broadcast())
           .arp(1, relay, ip("10.77.1.1"), Mac{}, kLink.our_ip).build(),
       FrameAction::answer_arp, packet::DropReason::unhandled},
      {"ARP request for another", test::FrameBuilder().eth(relay, packet::MacAddress::broadcast())
           .arp(1, relay, ip("10.77.1.1"), Mac{}, ip("10.77.1.9")).build(),
       FrameAction::ignore, packet::DropReason::unhandled},
      {"ARP reply", test::FrameBuilder().eth(relay, kLink.our_mac)
           .arp(2, relay, ip("10.77.1.1"), kLink.our_mac, kLink.our_ip).build(),
       FrameAction::ignore, packet::DropReason::unhandled},
      {"ping", test::FrameBuilder().eth(relay, kLink.our_mac).ipv4(ip("10.77.1.1"), kLink.our_ip)
           .icmp_echo(1, 1).build(),
       FrameAction::ignore, packet::DropReason::unhandled},
      {"truncated", test::Bytes{0x02, 0, 0, 0, 0, 1, 0x02}, FrameAction::ignore, packet::DropReason::too_short},
  };
  for (const auto& row : rows) {
    ClassifiedFrame c = classify_frame(row.frame, kLink.our_ip);
    EXPECT_EQ(c.action, row.action) << row.name;
    if (row.action == FrameAction::ignore) {
      EXPECT_EQ(c.reason, row.reason) << row.name;
    }
    if (row.action == FrameAction::datagram) {
      ProbePacket p;
      ASSERT_EQ(read_packet(c.payload, p), ParseError::none) << row.name;
      EXPECT_EQ(p.stream, 5u) << row.name;
    }
    if (row.action == FrameAction::answer_arp) {
      EXPECT_EQ(c.arp.sender_mac, relay) << row.name;
    }
  }
}

// An IPv6 neighbour solicitation for `target` from `from` (RFC 4861 4.3), with the source
// link-layer option, built byte by byte.
test::Bytes solicitation(const Mac& from_mac, const IpAddress& from, const IpAddress& target, uint8_t hop_limit = 255) {
  test::Bytes body{0, 0, 0, 0};
  body.insert(body.end(), target.bytes.begin(), target.bytes.end());
  body.insert(body.end(), {1, 1});
  body.insert(body.end(), from_mac.bytes.begin(), from_mac.bytes.end());
  return test::FrameBuilder().eth(from_mac, packet::ipv6_multicast_mac(packet::solicited_node_address(target)))
      .ipv6(from, packet::solicited_node_address(target)).ttl(hop_limit).icmp(135, 0, body).build();
}

TEST(FrameCodec, AnswersNeighbourSolicitationsForOurIpv6Address) {
  const Mac relay = mac("02:00:00:00:00:01");
  const IpAddress ours = ip("2001:db8:77:1::2"), relay_ip = ip("2001:db8:77:1::1");
  const struct {
    const char* name;
    test::Bytes frame;
    FrameAction action;
  } rows[] = {
      {"for us", solicitation(relay, relay_ip, ours), FrameAction::answer_nd},
      {"for another", solicitation(relay, relay_ip, ip("2001:db8:77:1::9")), FrameAction::ignore},
      {"hop limit not 255 (off-link)", solicitation(relay, relay_ip, ours, 64), FrameAction::ignore},
  };
  for (const auto& row : rows) {
    ClassifiedFrame c = classify_frame(row.frame, ours);
    EXPECT_EQ(c.action, row.action) << row.name;
    if (row.action != FrameAction::answer_nd) continue;
    EXPECT_EQ(c.solicitor_ip, relay_ip);
    EXPECT_EQ(c.solicitor_mac, relay);
    // The advertisement DpdkSide sends for it parses as a solicited answer with our MAC.
    std::vector<uint8_t> out(128);
    auto size = packet::build_neighbour_advertisement(out, c.ns, c.solicitor_ip, c.solicitor_mac, kLink.our_mac);
    ASSERT_TRUE(size);
    auto view = packet::parse_frame(std::span(out).first(*size));
    ASSERT_TRUE(view);
    ASSERT_EQ(view->kind, packet::FrameKind::neighbour_advertisement);
    auto na = packet::parse_neighbour_advertisement(view->payload, view->ttl);
    ASSERT_TRUE(na);
    EXPECT_EQ(na->target, ours);
    EXPECT_TRUE(na->solicited);
    EXPECT_EQ(na->target_mac, kLink.our_mac);
  }
}

}  // namespace
}  // namespace rr::rtpgen
