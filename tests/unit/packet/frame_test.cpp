#include "relay/packet/frame.hpp"
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

FrameBuilder rtp_v4() {
  return FrameBuilder()
      .eth(mac("02:00:00:00:00:01"), mac("02:00:00:00:00:02"))
      .ipv4(ip("192.0.2.1"), ip("198.51.100.7"))
      .udp(4000, 10000)
      .rtp(1, 160, 0x1234, 0)
      .payload(160, 0xd5);
}
FrameBuilder rtp_v6() {
  return FrameBuilder().ipv6(ip("2001:db8::1"), ip("2001:db8::2")).udp(4000, 10000)
      .rtp(1, 160, 0x1234, 0).payload(160, 0xd5);
}
FrameBuilder icmp_v6(uint8_t type) {
  return FrameBuilder().ipv6(ip("fe80::1"), ip("fe80::2")).ttl(255).icmp(type, 0, Bytes(20, 0));
}

struct VerdictCase {
  std::string name;
  Bytes frame;
  std::optional<DropReason> drop;  // nullopt: parses
  FrameKind kind = FrameKind::udp;
  ParseOptions options = {};
};

class ParseVerdict : public testing::TestWithParam<VerdictCase> {};

TEST_P(ParseVerdict, MatchesExpectation) {
  const VerdictCase& c = GetParam();
  auto view = parse_frame(c.frame, c.options);
  if (c.drop) {
    ASSERT_FALSE(view.ok());
    EXPECT_EQ(name(view.drop()), name(*c.drop));
  } else {
    ASSERT_TRUE(view.ok()) << name(view.drop());
    EXPECT_EQ(static_cast<int>(view->kind), static_cast<int>(c.kind));
  }
}

const ParseOptions kVerifyUdp{true, true};

INSTANTIATE_TEST_SUITE_P(Frames, ParseVerdict, testing::Values(
    VerdictCase{"ipv4_rtp", rtp_v4().build(), {}},
    VerdictCase{"one_vlan", rtp_v4().vlan(100).build(), {}},
    VerdictCase{"qinq", rtp_v4().vlan(10, 0x88a8).vlan(100).build(), {}},
    VerdictCase{"three_vlans", rtp_v4().vlan(1).vlan(2).vlan(3).build(), DropReason::unsupported_ethertype},
    VerdictCase{"ipv4_options", rtp_v4().ip_options({1, 1, 1, 0}).build(), {}},
    VerdictCase{"more_fragments", rtp_v4().fragment(0, true).build(), DropReason::ip_fragment},
    VerdictCase{"last_fragment", rtp_v4().fragment(100, false).build(), DropReason::ip_fragment},
    VerdictCase{"ttl_zero", rtp_v4().ttl(0).build(), DropReason::ttl_expired},
    VerdictCase{"ip_version_5", rtp_v4().ip_version_override(5).build(), DropReason::bad_ip_header},
    VerdictCase{"ihl_4", rtp_v4().ihl_override(4).build(), DropReason::bad_ip_header},
    VerdictCase{"ihl_beyond_frame", FrameBuilder().ipv4(ip("10.0.0.1"), ip("10.0.0.2")).ihl_override(15).build(), DropReason::too_short},
    VerdictCase{"total_length_beyond_frame", rtp_v4().ip_length_override(1000).build(), DropReason::too_short},
    VerdictCase{"total_length_below_header", rtp_v4().ip_length_override(19).build(), DropReason::bad_ip_header},
    VerdictCase{"bad_ip_checksum", rtp_v4().ip_checksum_override(0xbeef).build(), DropReason::bad_ip_checksum},
    VerdictCase{"bad_ip_checksum_unchecked", rtp_v4().ip_checksum_override(0xbeef).build(), {}, FrameKind::udp, ParseOptions{false, false}},
    VerdictCase{"udp_length_beyond_ip", rtp_v4().udp_length_override(500).build(), DropReason::bad_udp_length},
    VerdictCase{"udp_length_below_header", rtp_v4().udp_length_override(7).build(), DropReason::bad_udp_length},
    VerdictCase{"udp_header_cut", FrameBuilder().ipv4(ip("10.0.0.1"), ip("10.0.0.2")).payload(4, 0).build(), DropReason::too_short},
    VerdictCase{"bad_udp_checksum", rtp_v4().udp_checksum_override(0x1111).build(), DropReason::bad_udp_checksum, FrameKind::udp, kVerifyUdp},
    VerdictCase{"good_udp_checksum", rtp_v4().build(), {}, FrameKind::udp, kVerifyUdp},
    VerdictCase{"ipv4_zero_udp_checksum", rtp_v4().udp_checksum_override(0).build(), {}, FrameKind::udp, kVerifyUdp},
    VerdictCase{"ipv6_zero_udp_checksum", rtp_v6().udp_checksum_override(0).build(), DropReason::bad_udp_checksum, FrameKind::udp, kVerifyUdp},
    VerdictCase{"ipv6_good_udp_checksum", rtp_v6().build(), {}, FrameKind::udp, kVerifyUdp},
    VerdictCase{"tcp", rtp_v4().protocol(6).build(), DropReason::not_udp},
    VerdictCase{"ethernet_padding", rtp_v4().trailer(20).build(), {}},
    VerdictCase{"ipv6_rtp", rtp_v6().build(), {}},
    VerdictCase{"ipv6_version_4", rtp_v6().ip_version_override(4).build(), DropReason::bad_ip_header},
    VerdictCase{"ipv6_fragment_header", rtp_v6().protocol(44).build(), DropReason::ip_fragment},
    VerdictCase{"ipv6_hop_by_hop", rtp_v6().protocol(0).build(), DropReason::ipv6_extension},
    VerdictCase{"ipv6_routing", rtp_v6().protocol(43).build(), DropReason::ipv6_extension},
    VerdictCase{"ipv6_jumbogram", rtp_v6().ip_length_override(0).build(), DropReason::bad_ip_header},
    VerdictCase{"ipv6_payload_beyond_frame", rtp_v6().ip_length_override(900).build(), DropReason::too_short},
    VerdictCase{"ipv6_hop_limit_zero", rtp_v6().ttl(0).build(), DropReason::ttl_expired},
    VerdictCase{"ipv6_icmp_over_v4_protocol", rtp_v6().protocol(1).build(), DropReason::not_udp},
    VerdictCase{"unknown_ethertype", FrameBuilder().payload(50, 0).build(), DropReason::unsupported_ethertype},
    VerdictCase{"runt", Bytes(13, 0), DropReason::too_short},
    VerdictCase{"arp", FrameBuilder().arp(1, mac("02:00:00:00:00:09"), ip("10.0.0.9"), {}, ip("10.0.0.1")).build(), {}, FrameKind::arp},
    VerdictCase{"arp_cut", FrameBuilder().ethertype(0x0806).payload(27, 0).build(), DropReason::too_short},
    VerdictCase{"icmp_echo", FrameBuilder().ipv4(ip("10.0.0.9"), ip("10.0.0.1")).icmp_echo(7, 1).build(), {}, FrameKind::icmp_echo_request},
    VerdictCase{"icmp_unreachable", FrameBuilder().ipv4(ip("10.0.0.9"), ip("10.0.0.1")).icmp(3, 3, Bytes(32, 0)).build(), DropReason::unhandled},
    VerdictCase{"icmp_too_short", FrameBuilder().ipv4(ip("10.0.0.9"), ip("10.0.0.1")).icmp(8, 0, Bytes(2, 0)).build(), DropReason::bad_icmp},
    VerdictCase{"icmpv6_echo", FrameBuilder().ipv6(ip("2001:db8::9"), ip("2001:db8::1")).icmp_echo(7, 1).build(), {}, FrameKind::icmpv6_echo_request},
    VerdictCase{"neighbour_solicitation", icmp_v6(135).build(), {}, FrameKind::neighbour_solicitation},
    VerdictCase{"neighbour_advertisement", icmp_v6(136).build(), {}, FrameKind::neighbour_advertisement},
    VerdictCase{"router_advertisement", icmp_v6(134).build(), DropReason::unhandled}),
    [](const auto& row) { return row.param.name; });

// Every proper prefix of a valid frame is cut inside some header or inside the length the
// IP header announces: each must be too_short, never a read past the end.
class Truncation : public testing::TestWithParam<VerdictCase> {};

TEST_P(Truncation, EveryPrefixIsTooShort) {
  const Bytes& frame = GetParam().frame;
  for (size_t size = 0; size < frame.size(); ++size) {
    Bytes prefix(frame.begin(), frame.begin() + static_cast<std::ptrdiff_t>(size));
    auto view = parse_frame(prefix);
    ASSERT_FALSE(view.ok()) << "prefix " << size;
    EXPECT_EQ(name(view.drop()), "too_short") << "prefix " << size;
  }
}

INSTANTIATE_TEST_SUITE_P(Frames, Truncation, testing::Values(
    VerdictCase{"ipv4_qinq_rtp", rtp_v4().vlan(10, 0x88a8).vlan(100).build(), {}},
    VerdictCase{"ipv4_options", rtp_v4().ip_options({1, 1, 1, 0}).build(), {}},
    VerdictCase{"ipv6_rtp", rtp_v6().build(), {}},
    VerdictCase{"icmp_echo", FrameBuilder().ipv4(ip("10.0.0.9"), ip("10.0.0.1")).icmp_echo(7, 1).build(), {}}),
    [](const auto& row) { return row.param.name; });

TEST(ParseFrame, ReportsFieldsOfTaggedIpv4Rtp) {
  Bytes frame = rtp_v4().vlan(0x2064).tos(0xb8).ttl(57).ip_options({1, 1, 1, 0}).trailer(4).build();
  auto view = parse_frame(frame);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->dst_mac, mac("02:00:00:00:00:02"));
  EXPECT_EQ(view->src_mac, mac("02:00:00:00:00:01"));
  EXPECT_EQ(view->vlan_count, 1);
  EXPECT_EQ(view->vlan_tci[0], 0x2064);
  EXPECT_EQ(view->l3_offset, 18);
  EXPECT_EQ(view->l4_offset, 18 + 24);
  EXPECT_EQ(view->payload_offset, 18 + 24 + 8);
  EXPECT_EQ(view->payload_size, 172);
  EXPECT_EQ(view->frame_end(), frame.size() - 4);
  EXPECT_EQ(view->src, (Endpoint{ip("192.0.2.1"), 4000}));
  EXPECT_EQ(view->dst, (Endpoint{ip("198.51.100.7"), 10000}));
  EXPECT_EQ(view->ttl, 57);
  EXPECT_EQ(view->tos, 0xb8);
  EXPECT_EQ(view->payload.data(), frame.data() + view->payload_offset);
  EXPECT_EQ(view->payload[12], 0xd5);
}

TEST(ParseFrame, ReportsFieldsOfIpv6Rtp) {
  Bytes frame = rtp_v6().tos(0xb8).ttl(3).build();
  auto view = parse_frame(frame);
  ASSERT_TRUE(view.ok());
  EXPECT_FALSE(view->is_v4());
  EXPECT_EQ(view->l4_offset, 14 + 40);
  EXPECT_EQ(view->src, (Endpoint{ip("2001:db8::1"), 4000}));
  EXPECT_EQ(view->dst, (Endpoint{ip("2001:db8::2"), 10000}));
  EXPECT_EQ(view->tos, 0xb8);
  EXPECT_EQ(view->ttl, 3);
  EXPECT_EQ(view->payload_size, 172);
  EXPECT_EQ(view->frame_end(), frame.size());
}

TEST(DropReasons, NamesAreUniqueSnakeCase) {
  for (size_t i = 0; i < kDropReasonCount; ++i) {
    EXPECT_FALSE(kDropReasons[i].help.empty());
    for (char ch : kDropReasons[i].name) {
      EXPECT_TRUE((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_');
    }
    for (size_t j = i + 1; j < kDropReasonCount; ++j) {
      EXPECT_NE(kDropReasons[i].name, kDropReasons[j].name);
    }
  }
  EXPECT_EQ(name(DropReason::tx_full), "tx_full");
}

}  // namespace
}  // namespace rr::packet
