#include "relay/packet/frame.hpp"
#include "relay/packet/rewrite.hpp"
#include "tests/support/packet_builder.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace rr::packet {
namespace {

using test::Bytes;
using test::FrameBuilder;
using test::ip;
using test::mac;

FrameBuilder rtp_from(const IpAddress& src, const IpAddress& dst) {
  FrameBuilder b;
  if (src.is_v4()) b.ipv4(src, dst); else b.ipv6(src, dst);
  return b.udp(4000, 10000).rtp(7, 160, 0x1234, 0).payload(160, 0xd5);
}

EgressHeaders egress_to(const char* src, const char* dst, bool vlan = false) {
  EgressHeaders e;
  e.l2 = {mac("02:00:00:00:00:aa"), mac("02:00:00:00:00:bb"), vlan, 0x0064};
  e.src = {ip(src), 20000};
  e.dst = {ip(dst), 30000};
  e.ttl = 63;
  return e;
}

// What the worker does: keep the UDP payload, put the egress headers in front of it.
Bytes relay(const Bytes& in, const EgressHeaders& egress) {
  auto view = parse_frame(in);
  EXPECT_TRUE(view.ok());
  Bytes out(header_size(egress) + view->payload_size);
  std::copy(view->payload.begin(), view->payload.end(), out.end() - view->payload_size);
  auto written = write_egress(out, egress);
  EXPECT_TRUE(written.ok());
  EXPECT_EQ(*written, out.size());
  return out;
}

struct BridgeCase {
  std::string name;
  IpAddress in_src, in_dst;
  EgressHeaders egress;
  size_t header_size;
};

class Rewrite : public testing::TestWithParam<BridgeCase> {};

TEST_P(Rewrite, ReparsesWithCorrectFieldsAndChecksums) {
  const BridgeCase& c = GetParam();
  Bytes in = rtp_from(c.in_src, c.in_dst).build();
  EXPECT_EQ(header_size(c.egress), c.header_size);
  Bytes out = relay(in, c.egress);
  auto view = parse_frame(out, ParseOptions{true, true});  // verifies both checksums
  ASSERT_TRUE(view.ok()) << name(view.drop());
  EXPECT_EQ(view->src, c.egress.src);
  EXPECT_EQ(view->dst, c.egress.dst);
  EXPECT_EQ(view->dst_mac, c.egress.l2.dst);
  EXPECT_EQ(view->src_mac, c.egress.l2.src);
  EXPECT_EQ(view->vlan_count, c.egress.l2.has_vlan ? 1 : 0);
  EXPECT_EQ(view->ttl, 63);
  EXPECT_EQ(view->tos, 46 << 2);
  EXPECT_EQ(view->frame_end(), out.size());
  auto original = parse_frame(in);
  ASSERT_TRUE(original.ok());
  EXPECT_TRUE(std::equal(view->payload.begin(), view->payload.end(), original->payload.begin(),
                         original->payload.end()));
}

INSTANTIATE_TEST_SUITE_P(Bridges, Rewrite, testing::Values(
    BridgeCase{"v4_to_v4", ip("192.0.2.1"), ip("203.0.113.1"), egress_to("203.0.113.1", "198.51.100.7"), 42},
    BridgeCase{"v4_to_v4_vlan", ip("192.0.2.1"), ip("203.0.113.1"), egress_to("203.0.113.1", "198.51.100.7", true), 46},
    BridgeCase{"v4_to_v6", ip("192.0.2.1"), ip("203.0.113.1"), egress_to("2001:db8::1", "2001:db8::7"), 62},
    BridgeCase{"v6_to_v4", ip("2001:db8::9"), ip("2001:db8::1"), egress_to("203.0.113.1", "198.51.100.7"), 42},
    BridgeCase{"v6_to_v6_vlan", ip("2001:db8::9"), ip("2001:db8::1"), egress_to("2001:db8::1", "2001:db8::7", true), 66}),
    [](const auto& row) { return row.param.name; });

TEST(Rewrite, IsByteExactAgainstTheBuilder) {
  EgressHeaders e = egress_to("203.0.113.1", "198.51.100.7");
  Bytes out = relay(rtp_from(ip("192.0.2.1"), ip("203.0.113.1")).build(), e);
  Bytes expected = FrameBuilder().eth(e.l2.src, e.l2.dst).ipv4(e.src.address, e.dst.address)
                       .ttl(63).tos(46 << 2).udp(20000, 30000).rtp(7, 160, 0x1234, 0)
                       .payload(160, 0xd5).build();
  EXPECT_EQ(out, expected);
}

TEST(Rewrite, OffloadLeavesPseudoHeaderSumAndZeroIpChecksum) {
  EgressHeaders e = egress_to("203.0.113.1", "198.51.100.7");
  e.offload_udp_checksum = true;
  e.offload_ipv4_checksum = true;
  Bytes out = relay(rtp_from(ip("192.0.2.1"), ip("203.0.113.1")).build(), e);
  EXPECT_EQ(out[14 + 10], 0);
  EXPECT_EQ(out[14 + 11], 0);
  // What the NIC does: complement of (field + datagram sum) gives the real checksum.
  uint16_t field = static_cast<uint16_t>(out[14 + 20 + 6] << 8 | out[14 + 20 + 7]);
  std::span<const uint8_t> udp(out.data() + 34, out.size() - 34);
  uint32_t pseudo = test::reference_pseudo_sum(e.src.address, e.dst.address, 17, udp.size());
  while (pseudo >> 16) pseudo = (pseudo & 0xffff) + (pseudo >> 16);
  EXPECT_EQ(field, pseudo);
}

TEST(Rewrite, RejectsWhatItCannotWrite) {
  EgressHeaders e = egress_to("203.0.113.1", "198.51.100.7");
  Bytes small(41);
  EXPECT_EQ(name(write_egress(small, e).drop()), "too_short");
  Bytes huge(42 + 65535 - 28 + 1);
  EXPECT_EQ(name(write_egress(huge, e).drop()), "mtu_exceeded");
  Bytes largest(42 + 65535 - 28);
  EXPECT_TRUE(write_egress(largest, e).ok());
  EgressHeaders mixed = egress_to("203.0.113.1", "2001:db8::7");
  Bytes frame(100);
  EXPECT_EQ(name(write_egress(frame, mixed).drop()), "unhandled");
}

}  // namespace
}  // namespace rr::packet

namespace rr::packet {
namespace {

// RFC 1624 path: the UDP checksum out derived from the one received must equal a full
// computation over the payload, for every family pair and odd payload lengths.
struct DerivedChecksumCase {
  std::string name;
  const char* in_src;
  const char* in_dst;
  const char* out_src;
  const char* out_dst;
  size_t payload;
};

class DerivedChecksum : public testing::TestWithParam<DerivedChecksumCase> {};

TEST_P(DerivedChecksum, EqualsTheFullSum) {
  const DerivedChecksumCase& c = GetParam();
  FrameBuilder in_builder;
  if (ip(c.in_src).is_v4()) in_builder.ipv4(ip(c.in_src), ip(c.in_dst)); else in_builder.ipv6(ip(c.in_src), ip(c.in_dst));
  const Bytes in = in_builder.udp(4000, 10000).rtp(7, 160, 0x1234, 0).payload(c.payload, 0x9b).build();
  const auto view = parse_frame(in);
  ASSERT_TRUE(view.ok());
  EgressHeaders egress = egress_to(c.out_src, c.out_dst);
  const Bytes full = relay(in, egress);
  egress.payload_sum = received_payload_sum(*view);
  ASSERT_TRUE(egress.payload_sum.has_value());
  EXPECT_EQ(relay(in, egress), full);
}

INSTANTIATE_TEST_SUITE_P(Families, DerivedChecksum, testing::Values(
    DerivedChecksumCase{"v4_to_v4", "192.0.2.10", "192.0.2.1", "198.51.100.1", "198.51.100.20", 160},
    DerivedChecksumCase{"v4_to_v6_odd", "192.0.2.10", "192.0.2.1", "2001:db8::1", "2001:db8::20", 161},
    DerivedChecksumCase{"v6_to_v4", "2001:db8::10", "2001:db8::1", "198.51.100.1", "198.51.100.20", 33},
    DerivedChecksumCase{"v6_to_v6_empty", "2001:db8::10", "2001:db8::1", "2001:db8:b::1", "2001:db8:b::20", 0}),
    [](const auto& row) { return row.param.name; });

TEST(DerivedChecksum, NoneReceivedMeansNoDerivation) {
  const Bytes in = rtp_from(ip("192.0.2.10"), ip("192.0.2.1")).udp_checksum_override(0).build();
  const auto view = parse_frame(in);
  ASSERT_TRUE(view.ok());
  EXPECT_FALSE(received_payload_sum(*view).has_value());
}

TEST(DerivedChecksum, ACorruptDatagramStaysCorrupt) {
  Bytes in = rtp_from(ip("192.0.2.10"), ip("192.0.2.1")).build();
  in.back() ^= 0x40;  // payload bit flipped in transit, checksum unchanged
  const auto view = parse_frame(in);
  ASSERT_TRUE(view.ok());
  EgressHeaders egress = egress_to("198.51.100.1", "198.51.100.20");
  egress.payload_sum = received_payload_sum(*view);
  const Bytes out = relay(in, egress);
  EXPECT_FALSE(parse_frame(out, {true, true}).ok()) << "the receiver must still see the damage";
}

}  // namespace
}  // namespace rr::packet
