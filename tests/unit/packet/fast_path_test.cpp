// The straight-line fast paths (parse_frame's common media shape, parse_rtp's 0x80 header,
// the 20-byte IPv4 checksum, inline address equality) against the general code they stand
// in for: the same verdict, drop reason and fields for every input, including every
// malformed shape the general parser rejects. A fast path may only ever say "not mine".
#include "relay/packet/checksum.hpp"
#include "relay/packet/frame.hpp"
#include "relay/packet/frame_common.hpp"
#include "relay/packet/rtp.hpp"
#include "tests/support/packet_builder.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace rr::packet {
namespace {

using test::Bytes;
using test::FrameBuilder;
using test::ip;
using test::mac;

FrameBuilder media_v4() {
  return FrameBuilder().eth(mac("02:00:00:00:00:01"), mac("02:00:00:00:00:02"))
      .ipv4(ip("192.0.2.1"), ip("198.51.100.7")).tos(0xb8).ttl(57).udp(4000, 10000)
      .rtp(1, 160, 0x1234, 0).payload(160, 0xd5);
}
FrameBuilder media_v6() {
  return FrameBuilder().eth(mac("02:00:00:00:00:03"), mac("02:00:00:00:00:04"))
      .ipv6(ip("2001:db8::1"), ip("2001:db8::2")).tos(0x2e).ttl(3).udp(4000, 10000)
      .rtp(1, 160, 0x1234, 0).payload(160, 0xd5);
}

// Every field, so that a fast path that forgets one (or leaves stale bytes) fails here.
void expect_same(const Result<FrameView>& fast, const Result<FrameView>& general,
                 const std::string& where) {
  ASSERT_EQ(fast.ok(), general.ok()) << where;
  if (!fast.ok()) {
    EXPECT_EQ(name(fast.drop()), name(general.drop())) << where;
    return;
  }
  const FrameView& a = *fast;
  const FrameView& b = *general;
  EXPECT_EQ(a.kind, b.kind) << where;
  EXPECT_EQ(a.dst_mac, b.dst_mac) << where;
  EXPECT_EQ(a.src_mac, b.src_mac) << where;
  EXPECT_EQ(a.vlan_count, b.vlan_count) << where;
  EXPECT_EQ(a.vlan_tci, b.vlan_tci) << where;
  EXPECT_EQ(a.ethertype, b.ethertype) << where;
  EXPECT_EQ(a.l3_offset, b.l3_offset) << where;
  EXPECT_EQ(a.l4_offset, b.l4_offset) << where;
  EXPECT_EQ(a.payload_offset, b.payload_offset) << where;
  EXPECT_EQ(a.payload_size, b.payload_size) << where;
  EXPECT_EQ(a.l3_size, b.l3_size) << where;
  EXPECT_EQ(a.src.address.family, b.src.address.family) << where;
  EXPECT_EQ(a.src.address.bytes, b.src.address.bytes) << where;  // the zero tail of IPv4 too
  EXPECT_EQ(a.dst.address.family, b.dst.address.family) << where;
  EXPECT_EQ(a.dst.address.bytes, b.dst.address.bytes) << where;
  EXPECT_EQ(a.src.port, b.src.port) << where;
  EXPECT_EQ(a.dst.port, b.dst.port) << where;
  EXPECT_EQ(a.ttl, b.ttl) << where;
  EXPECT_EQ(a.tos, b.tos) << where;
  EXPECT_EQ(a.udp_checksum, b.udp_checksum) << where;
  EXPECT_EQ(a.payload.data(), b.payload.data()) << where;
  EXPECT_EQ(a.payload.size(), b.payload.size()) << where;
}

const ParseOptions kOptionSets[] = {{true, false}, {false, false}, {true, true}, {false, true}};

void expect_same_for_all_options(const Bytes& frame, const std::string& where) {
  for (const ParseOptions& options : kOptionSets) {
    expect_same(parse_frame(frame, options), parse_frame_generic(frame, options),
                where + " verify_ip=" + std::to_string(options.verify_ipv4_checksum) +
                    " verify_udp=" + std::to_string(options.verify_udp_checksum));
  }
}

struct ShapeCase {
  std::string name;
  Bytes frame;
  bool fast = false;  // whether match_common_media must take it (default options)
};

// Which shapes the fast path takes is part of the contract: the common ones must not
// silently fall back (the test would then compare the general parser with itself).
class FastPathShape : public testing::TestWithParam<ShapeCase> {};

TEST_P(FastPathShape, TakesCommonShapesAndAgreesWithTheGeneralParser) {
  const ShapeCase& c = GetParam();
  detail::CommonMedia media;
  EXPECT_EQ(detail::match_common_media(c.frame, ParseOptions{}, media), c.fast);
  expect_same_for_all_options(c.frame, c.name);
}

INSTANTIATE_TEST_SUITE_P(Frames, FastPathShape, testing::Values(
    ShapeCase{"ipv4", media_v4().build(), true},
    ShapeCase{"ipv4_vlan", media_v4().vlan(0x2064).build(), true},
    ShapeCase{"ipv4_ethernet_padding", media_v4().trailer(20).build(), true},
    ShapeCase{"ipv4_empty_udp", FrameBuilder().ipv4(ip("10.0.0.1"), ip("10.0.0.2")).udp(1, 2).build(), true},
    ShapeCase{"ipv4_udp_shorter_than_ip", media_v4().udp_length_override(20).build(), true},
    ShapeCase{"ipv4_zero_udp_checksum", media_v4().udp_checksum_override(0).build(), true},
    ShapeCase{"ipv6", media_v6().build(), true},
    ShapeCase{"ipv6_vlan", media_v6().vlan(7).build(), true},
    ShapeCase{"ipv6_udp_shorter_than_ip", media_v6().udp_length_override(9).build(), true},
    ShapeCase{"qinq", media_v4().vlan(10, 0x88a8).vlan(100).build(), false},
    ShapeCase{"two_8021q_tags", media_v4().vlan(10).vlan(100).build(), false},
    ShapeCase{"three_tags", media_v4().vlan(1).vlan(2).vlan(3).build(), false},
    ShapeCase{"ipv4_options", media_v4().ip_options({1, 1, 1, 0}).build(), false},
    ShapeCase{"ihl_4", media_v4().ihl_override(4).build(), false},
    ShapeCase{"ip_version_6_in_v4", media_v4().ip_version_override(6).build(), false},
    ShapeCase{"more_fragments", media_v4().fragment(0, true).build(), false},
    ShapeCase{"fragment_offset", media_v4().fragment(100, false).build(), false},
    ShapeCase{"ttl_zero", media_v4().ttl(0).build(), false},
    ShapeCase{"bad_ip_checksum", media_v4().ip_checksum_override(0xbeef).build(), false},
    ShapeCase{"total_length_beyond_frame", media_v4().ip_length_override(1000).build(), false},
    ShapeCase{"total_length_below_udp", media_v4().ip_length_override(27).build(), false},
    ShapeCase{"total_length_below_header", media_v4().ip_length_override(19).build(), false},
    ShapeCase{"udp_length_beyond_ip", media_v4().udp_length_override(500).build(), false},
    ShapeCase{"udp_length_7", media_v4().udp_length_override(7).build(), false},
    ShapeCase{"tcp", media_v4().protocol(6).build(), false},
    ShapeCase{"icmp_echo", FrameBuilder().ipv4(ip("10.0.0.9"), ip("10.0.0.1")).icmp_echo(7, 1).build(), false},
    ShapeCase{"arp", FrameBuilder().arp(1, mac("02:00:00:00:00:09"), ip("10.0.0.9"), {}, ip("10.0.0.1")).build(), false},
    ShapeCase{"ipv6_version_4", media_v6().ip_version_override(4).build(), false},
    ShapeCase{"ipv6_fragment", media_v6().protocol(44).build(), false},
    ShapeCase{"ipv6_hop_by_hop", media_v6().protocol(0).build(), false},
    ShapeCase{"ipv6_jumbogram", media_v6().ip_length_override(0).build(), false},
    ShapeCase{"ipv6_payload_below_udp", media_v6().ip_length_override(7).build(), false},
    ShapeCase{"ipv6_payload_beyond_frame", media_v6().ip_length_override(900).build(), false},
    ShapeCase{"ipv6_hop_limit_zero", media_v6().ttl(0).build(), false},
    ShapeCase{"ipv6_udp_length_beyond_ip", media_v6().udp_length_override(500).build(), false},
    ShapeCase{"neighbour_solicitation", FrameBuilder().ipv6(ip("fe80::1"), ip("fe80::2")).ttl(255).icmp(135, 0, Bytes(20, 0)).build(), false},
    ShapeCase{"unknown_ethertype", FrameBuilder().payload(50, 0).build(), false},
    ShapeCase{"runt", Bytes(41, 0), false}),
    [](const auto& row) { return row.param.name; });

// Hostile bytes: every header byte of each base shape replaced by values that hit the
// checks' edges, and every length from empty to the whole frame. The general parser is the
// oracle for each of them.
TEST(FastPath, EveryHeaderByteMutationAgreesWithTheGeneralParser) {
  const Bytes bases[] = {media_v4().build(), media_v4().vlan(5).build(), media_v6().build(),
                         media_v6().vlan(5).build()};
  const uint8_t values[] = {0x00, 0x01, 0x07, 0x08, 0x11, 0x14, 0x1c, 0x20, 0x28, 0x3f,
                            0x40, 0x45, 0x46, 0x60, 0x80, 0x81, 0x86, 0x88, 0xa8, 0xdd, 0xff};
  for (const Bytes& base : bases) {
    const size_t headers = base.size() - 172;  // everything before the RTP header
    for (size_t at = 0; at < headers + 4; ++at) {
      for (uint8_t value : values) {
        Bytes frame = base;
        frame[at] = value;
        expect_same_for_all_options(frame, "byte " + std::to_string(at) + "=" + std::to_string(value));
      }
    }
    for (size_t size = 0; size <= base.size(); ++size) {
      Bytes prefix(base.begin(), base.begin() + static_cast<std::ptrdiff_t>(size));
      expect_same_for_all_options(prefix, "prefix " + std::to_string(size));
    }
  }
}

TEST(FastPath, RandomLengthFieldsAgreeWithTheGeneralParser) {
  std::mt19937 random(4);  // fixed: the same frames every run
  const Bytes bases[] = {media_v4().build(), media_v6().vlan(5).build()};
  for (const Bytes& base : bases) {
    const size_t l3 = base[12] == 0x81 ? 18 : 14;
    const bool v4 = base[l3] >> 4 == 4;
    const size_t ip_length_at = l3 + (v4 ? 2 : 4), udp_length_at = l3 + (v4 ? 24 : 44);
    for (int i = 0; i < 3000; ++i) {
      Bytes frame = base;
      test::set16(frame, ip_length_at, static_cast<uint16_t>(random() % 260));
      test::set16(frame, udp_length_at, static_cast<uint16_t>(random() % 260));
      frame.resize(l3 + random() % 260);
      expect_same_for_all_options(frame, "random " + std::to_string(i));
    }
  }
}

// parse_rtp's inline 0x80 path against parse_rtp_general: every first byte, sizes around
// the 12-byte header, both padding rules.
TEST(FastPath, ParseRtpAgreesWithTheGeneralParser) {
  for (int first = 0; first < 256; ++first) {
    for (size_t size : {0, 1, 11, 12, 13, 16, 17, 40, 172}) {
      Bytes payload(size, 0x03);
      if (size > 0) payload[0] = static_cast<uint8_t>(first);
      if (size > 1) payload[1] = 0x88;  // marker, payload type 8
      for (RtpPadding rule : {RtpPadding::check, RtpPadding::encrypted}) {
        auto fast = parse_rtp(payload, rule);
        auto general = parse_rtp_general(payload, rule);
        const std::string where = std::to_string(first) + "/" + std::to_string(size);
        ASSERT_EQ(fast.ok(), general.ok()) << where;
        if (!fast) {
          EXPECT_EQ(name(fast.drop()), name(general.drop())) << where;
          continue;
        }
        EXPECT_EQ(fast->marker, general->marker) << where;
        EXPECT_EQ(fast->padding, general->padding) << where;
        EXPECT_EQ(fast->extension, general->extension) << where;
        EXPECT_EQ(fast->payload_type, general->payload_type) << where;
        EXPECT_EQ(fast->csrc_count, general->csrc_count) << where;
        EXPECT_EQ(fast->sequence, general->sequence) << where;
        EXPECT_EQ(fast->timestamp, general->timestamp) << where;
        EXPECT_EQ(fast->ssrc, general->ssrc) << where;
        EXPECT_EQ(fast->extension_profile, general->extension_profile) << where;
        EXPECT_EQ(fast->header_size, general->header_size) << where;
        EXPECT_EQ(fast->payload_size, general->payload_size) << where;
        EXPECT_EQ(fast->padding_size, general->padding_size) << where;
      }
    }
  }
}

// The five-word IPv4 check against the general sum, on random headers (half of them with
// a correct checksum) and on the edges of the "nonzero multiple of 0xffff" test.
TEST(FastPath, Ipv4HeaderChecksumAgreesWithInternetChecksum) {
  std::vector<Bytes> headers = {Bytes(20, 0x00), Bytes(20, 0xff)};
  Bytes one_word(20, 0);
  one_word[0] = 0xff, one_word[1] = 0xff;  // sum 0xffff: all ones, "correct"
  headers.push_back(one_word);
  std::mt19937 random(20);
  for (int i = 0; i < 20000; ++i) {
    Bytes h(20);
    for (uint8_t& b : h) b = static_cast<uint8_t>(random());
    if (i % 2 == 0) {
      test::set16(h, 10, 0);
      test::set16(h, 10, test::reference_checksum(h));
    }
    headers.push_back(h);
  }
  for (const Bytes& h : headers) {
    ASSERT_EQ(ipv4_header_checksum_ok(h.data()), internet_checksum(h) == 0)
        << testing::PrintToString(h);
  }
}

struct AddressCase {
  std::string name;
  IpAddress a;
  IpAddress b;
};

IpAddress with_byte(IpAddress address, size_t at, uint8_t value) {
  address.bytes[at] = value;
  return address;
}

class AddressEquality : public testing::TestWithParam<AddressCase> {};

// operator== is hand-written next to the defaulted <=>: the two must never disagree.
TEST_P(AddressEquality, MatchesTheDefaultedOrdering) {
  const AddressCase& c = GetParam();
  EXPECT_EQ(c.a == c.b, (c.a <=> c.b) == 0);
  EXPECT_EQ(c.b == c.a, (c.b <=> c.a) == 0);
  EXPECT_EQ((Endpoint{c.a, 5} == Endpoint{c.b, 5}), (c.a <=> c.b) == 0);
  EXPECT_FALSE((Endpoint{c.a, 5} == Endpoint{c.a, 6}));
}

INSTANTIATE_TEST_SUITE_P(Addresses, AddressEquality, testing::Values(
    AddressCase{"same_v4", ip("192.0.2.1"), ip("192.0.2.1")},
    AddressCase{"v4_last_byte", ip("192.0.2.1"), ip("192.0.2.2")},
    AddressCase{"v4_first_byte", ip("192.0.2.1"), ip("193.0.2.1")},
    AddressCase{"v4_v6_same_bytes", ip("0.0.0.0"), ip("::")},
    AddressCase{"same_v6", ip("2001:db8::1"), ip("2001:db8::1")},
    AddressCase{"v6_byte_15", ip("2001:db8::1"), ip("2001:db8::2")},
    AddressCase{"v6_byte_7", ip("2001:db8::1"), with_byte(ip("2001:db8::1"), 7, 9)},
    AddressCase{"v6_byte_8", ip("2001:db8::1"), with_byte(ip("2001:db8::1"), 8, 9)},
    AddressCase{"v4_stray_tail_byte", ip("192.0.2.1"), with_byte(ip("192.0.2.1"), 12, 1)}),
    [](const auto& row) { return row.param.name; });

// MacAddress's operator== is hand-written too (two loads instead of memcmp): a difference in
// any one of the six bytes, or none, must give the defaulted ordering's answer.
TEST(MacEquality, EveryByteCounts) {
  const MacAddress base = MacAddress::from(std::array<uint8_t, 6>{0x02, 0x11, 0x22, 0x33, 0x44, 0x55}.data());
  EXPECT_TRUE(base == base);
  for (size_t at = 0; at < base.bytes.size(); ++at) {
    MacAddress other = base;
    other.bytes[at] ^= 0x80;
    EXPECT_FALSE(base == other) << "byte " << at;
    EXPECT_EQ(base == other, (base <=> other) == 0) << "byte " << at;
  }
}

}  // namespace
}  // namespace rr::packet
