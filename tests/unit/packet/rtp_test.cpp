#include "relay/packet/rtp.hpp"
#include "tests/support/packet_builder.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace rr::packet {
namespace {

using test::Bytes;
using test::FrameBuilder;

FrameBuilder g711(bool marker = false) { return FrameBuilder().rtp(0xfffe, 0x01020304, 0xcafebabe, 8, marker).payload(160, 0xd5); }

struct RtpCase {
  std::string name;
  Bytes payload;
  std::optional<DropReason> drop;
  uint16_t header_size = 0;
  uint16_t payload_size = 0;
  uint8_t csrc_count = 0;
  uint8_t padding_size = 0;
  uint16_t extension_profile = 0;
};

class ParseRtp : public testing::TestWithParam<RtpCase> {};

TEST_P(ParseRtp, MatchesExpectation) {
  const RtpCase& c = GetParam();
  auto rtp = parse_rtp(c.payload);
  if (c.drop) {
    ASSERT_FALSE(rtp.ok());
    EXPECT_EQ(name(rtp.drop()), name(*c.drop));
    return;
  }
  ASSERT_TRUE(rtp.ok());
  EXPECT_EQ(rtp->header_size, c.header_size);
  EXPECT_EQ(rtp->payload_size, c.payload_size);
  EXPECT_EQ(rtp->csrc_count, c.csrc_count);
  EXPECT_EQ(rtp->padding_size, c.padding_size);
  EXPECT_EQ(rtp->extension_profile, c.extension_profile);
  EXPECT_EQ(rtp->extension, c.extension_profile != 0);
  EXPECT_EQ(rtp->sequence, 0xfffe);
  EXPECT_EQ(rtp->timestamp, 0x01020304u);
  EXPECT_EQ(rtp->ssrc, 0xcafebabeu);
  EXPECT_EQ(rtp->payload_type, 8);
}

Bytes with_byte(Bytes b, size_t at, uint8_t value) { return b[at] = value, b; }
Bytes cut(Bytes b, size_t size) { return b.resize(size), b; }

INSTANTIATE_TEST_SUITE_P(Rtp, ParseRtp, testing::Values(
    RtpCase{"g711", g711().udp_payload(), {}, 12, 160},
    RtpCase{"two_csrcs", g711().csrc(1).csrc(2).udp_payload(), {}, 20, 160, 2},
    RtpCase{"one_byte_extension", g711().rtp_extension(0xbede, {0x10, 0xaa, 0, 0}).udp_payload(), {}, 20, 160, 0, 0, 0xbede},
    RtpCase{"csrc_and_extension", g711().csrc(9).rtp_extension(0x1000, Bytes(8, 1)).udp_payload(), {}, 28, 160, 1, 0, 0x1000},
    RtpCase{"padding", g711().rtp_padding(4).udp_payload(), {}, 12, 160, 0, 4},
    RtpCase{"header_only", FrameBuilder().rtp(0xfffe, 0x01020304, 0xcafebabe, 8).udp_payload(), {}, 12, 0},
    RtpCase{"eleven_bytes", cut(g711().udp_payload(), 11), DropReason::not_rtp},
    RtpCase{"version_1", with_byte(g711().udp_payload(), 0, 0x40), DropReason::not_rtp},
    RtpCase{"version_0_stun", with_byte(g711().udp_payload(), 0, 0x00), DropReason::not_rtp},
    RtpCase{"csrcs_beyond_payload", cut(g711().csrc(1).csrc(2).udp_payload(), 19), DropReason::not_rtp},
    RtpCase{"extension_header_cut", cut(g711().rtp_extension(0xbede, Bytes(4, 0)).udp_payload(), 15), DropReason::not_rtp},
    RtpCase{"extension_beyond_payload", with_byte(g711().rtp_extension(0xbede, Bytes(4, 0)).udp_payload(), 15, 200), DropReason::not_rtp},
    RtpCase{"padding_zero", with_byte(g711().rtp_padding(4).udp_payload(), 175, 0), DropReason::not_rtp},
    RtpCase{"padding_beyond_payload", with_byte(g711().rtp_padding(4).udp_payload(), 175, 165), DropReason::not_rtp}),
    [](const auto& row) { return row.param.name; });

// SRTP (RFC 3711): encrypted payload and padding, then the 10-byte auth tag. The last byte
// is tag, so the padding count can only be checked on the plaintext.
struct SrtpPaddingCase {
  std::string name;
  uint8_t last_byte;  // of the auth tag
};

class ParseSrtpPadding : public testing::TestWithParam<SrtpPaddingCase> {};

TEST_P(ParseSrtpPadding, EncryptedPaddingIsNotCheckedButReported) {
  Bytes srtp = g711().rtp_padding(4).udp_payload();
  srtp.insert(srtp.end(), 10, 0xa5);  // auth tag
  srtp.back() = GetParam().last_byte;
  auto rtp = parse_rtp(srtp, RtpPadding::encrypted);
  ASSERT_TRUE(rtp.ok());
  EXPECT_TRUE(rtp->padding);
  EXPECT_EQ(rtp->padding_size, 0);
  EXPECT_EQ(rtp->payload_size, srtp.size() - 12);
  EXPECT_EQ(rtp->sequence, 0xfffe);
  EXPECT_EQ(rtp->ssrc, 0xcafebabeu);
}

INSTANTIATE_TEST_SUITE_P(Srtp, ParseSrtpPadding, testing::Values(
    SrtpPaddingCase{"tag_ends_in_zero", 0},             // would be "padding 0" in plain RTP
    SrtpPaddingCase{"tag_ends_beyond_payload", 0xff},   // would be "padding past the header"
    SrtpPaddingCase{"tag_ends_in_a_valid_count", 4}),
    [](const auto& row) { return row.param.name; });

TEST(ParseRtp, PlainPaddingIsStillChecked) {
  Bytes plain = g711().rtp_padding(4).udp_payload();
  plain.back() = 0;
  EXPECT_FALSE(parse_rtp(plain).ok());
  EXPECT_FALSE(parse_rtp(plain, RtpPadding::check).ok());
  EXPECT_TRUE(parse_rtp(plain, RtpPadding::encrypted).ok());
}

TEST(ParseRtp, ReadsMarker) {
  auto rtp = parse_rtp(g711(true).udp_payload());
  ASSERT_TRUE(rtp.ok());
  EXPECT_TRUE(rtp->marker);
  EXPECT_EQ(rtp->payload_type, 8);
}

struct DemuxCase {
  std::string name;
  Bytes payload;
  bool rtcp;
};

class Demux : public testing::TestWithParam<DemuxCase> {};

TEST_P(Demux, FollowsRfc5761) { EXPECT_EQ(is_rtcp(GetParam().payload), GetParam().rtcp); }

INSTANTIATE_TEST_SUITE_P(Rfc5761, Demux, testing::Values(
    DemuxCase{"empty", {}, false},
    DemuxCase{"one_byte", {0x80}, false},
    DemuxCase{"pt_63_marker", {0x80, 0xbf}, false},   // 191
    DemuxCase{"lower_bound", {0x80, 192}, true},
    DemuxCase{"sender_report", FrameBuilder().rtcp(200, 0, 1, Bytes(20, 0)).udp_payload(), true},
    DemuxCase{"receiver_report", FrameBuilder().rtcp(201, 0, 1).udp_payload(), true},
    DemuxCase{"upper_bound", {0x80, 223}, true},
    DemuxCase{"above", {0x80, 224}, false},
    DemuxCase{"pcma_with_marker", FrameBuilder().rtp(1, 1, 1, 8, true).udp_payload(), false}),
    [](const auto& row) { return row.param.name; });

struct RtcpCase {
  std::string name;
  Bytes payload;
  std::optional<DropReason> drop;
  uint8_t packet_type = 0;
  size_t size = 0;
};

class ParseRtcp : public testing::TestWithParam<RtcpCase> {};

TEST_P(ParseRtcp, MatchesExpectation) {
  const RtcpCase& c = GetParam();
  auto rtcp = parse_rtcp_header(c.payload);
  if (c.drop) {
    ASSERT_FALSE(rtcp.ok());
    EXPECT_EQ(name(rtcp.drop()), name(*c.drop));
    return;
  }
  ASSERT_TRUE(rtcp.ok());
  EXPECT_EQ(rtcp->packet_type, c.packet_type);
  EXPECT_EQ(rtcp->size(), c.size);
  EXPECT_EQ(rtcp->ssrc, 0x11223344u);
}

Bytes sr() { return FrameBuilder().rtcp(200, 0, 0x11223344, Bytes(20, 0)).udp_payload(); }

INSTANTIATE_TEST_SUITE_P(Rtcp, ParseRtcp, testing::Values(
    RtcpCase{"sender_report", sr(), {}, 200, 28},
    RtcpCase{"compound_sr_sdes", FrameBuilder().rtcp(200, 0, 0x11223344, Bytes(20, 0)).rtcp(202, 1, 0x11223344, {1, 3, 'a', 'b', 'c', 0}).udp_payload(), {}, 200, 28},
    RtcpCase{"srtcp_trailer", [] { Bytes b = sr(); b.resize(b.size() + 14, 0x77); return b; }(), {}, 200, 28},
    RtcpCase{"seven_bytes", cut(sr(), 7), DropReason::bad_rtcp},
    RtcpCase{"length_beyond_payload", cut(sr(), 24), DropReason::bad_rtcp},
    RtcpCase{"version_1", with_byte(sr(), 0, 0x40), DropReason::bad_rtcp},
    RtcpCase{"rtp_payload_type", with_byte(sr(), 1, 96), DropReason::bad_rtcp}),
    [](const auto& row) { return row.param.name; });

}  // namespace
}  // namespace rr::packet
