// RTCP compound parsing: table of well-formed and hostile datagrams.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "relay/stats/rtcp_report.hpp"

namespace rr::stats {
namespace {

using Bytes = std::vector<uint8_t>;

void put32(Bytes& b, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) b.push_back(static_cast<uint8_t>(v >> shift));
}

// Header with the length field computed from the body that follows.
Bytes packet(uint8_t type, uint8_t count, const Bytes& body) {
  Bytes b{static_cast<uint8_t>(0x80 | count), type};
  const size_t words = body.size() / 4;  // bodies here are word aligned
  b.push_back(static_cast<uint8_t>(words >> 8));
  b.push_back(static_cast<uint8_t>(words));
  b.insert(b.end(), body.begin(), body.end());
  return b;
}

Bytes block(uint32_t ssrc) {
  Bytes b;
  put32(b, ssrc);
  put32(b, 0x40FFFFFF);  // fraction 64/256, cumulative lost -1 (duplicates)
  put32(b, 0x0001FFF0);  // one cycle, highest 65520
  put32(b, 37);          // jitter
  put32(b, 0xABCD1234);  // LSR
  put32(b, 0x00018000);  // DLSR 1.5 s
  return b;
}

Bytes sr(uint32_t ssrc, int blocks) {
  Bytes body;
  put32(body, ssrc);
  put32(body, 0xE1234567), put32(body, 0x80000000);  // NTP seconds . half second
  put32(body, 160000), put32(body, 1000), put32(body, 160000);
  for (int i = 0; i < blocks; ++i) {
    const Bytes b = block(0x5000 + static_cast<uint32_t>(i));
    body.insert(body.end(), b.begin(), b.end());
  }
  return packet(200, static_cast<uint8_t>(blocks), body);
}

Bytes rr(uint32_t ssrc, int blocks) {
  Bytes body;
  put32(body, ssrc);
  for (int i = 0; i < blocks; ++i) {
    const Bytes b = block(0x5000 + static_cast<uint32_t>(i));
    body.insert(body.end(), b.begin(), b.end());
  }
  return packet(201, static_cast<uint8_t>(blocks), body);
}

// SDES with one CNAME "relay@host" (RFC 3550 6.5), padded to a word.
Bytes sdes(uint32_t ssrc) {
  Bytes body;
  put32(body, ssrc);
  const std::string cname = "relay@host";
  body.push_back(1), body.push_back(static_cast<uint8_t>(cname.size()));
  body.insert(body.end(), cname.begin(), cname.end());
  while (body.size() % 4 != 0) body.push_back(0);
  return packet(202, 1, body);
}

Bytes bye(uint32_t ssrc) {
  Bytes body;
  put32(body, ssrc);
  return packet(203, 1, body);
}

Bytes operator+(Bytes a, const Bytes& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

Bytes with(Bytes b, size_t index, uint8_t value) {
  b.at(index) = value;
  return b;
}

Bytes truncated(Bytes b, size_t size) {
  b.resize(size);
  return b;
}

// Last packet padded with `pad` bytes, the pad count in the final byte.
Bytes padded(Bytes b, uint8_t pad) {
  b[0] |= 0x20;
  for (uint8_t i = 1; i < pad; ++i) b.push_back(0);
  b.push_back(pad);
  const size_t words = b.size() / 4 - 1;
  b[2] = static_cast<uint8_t>(words >> 8), b[3] = static_cast<uint8_t>(words);
  return b;
}

struct RtcpCase {
  std::string name;
  Bytes datagram;
  RtcpError error;
  uint8_t blocks = 0;
  uint8_t packets = 0;
  bool sender = false;
  bool bye = false;
};

class RtcpCaseTest : public testing::TestWithParam<RtcpCase> {};

TEST_P(RtcpCaseTest, Parses) {
  const RtcpCase& c = GetParam();
  const RtcpParse r = parse_rtcp(c.datagram);
  EXPECT_EQ(r.error, c.error) << to_string(r.error);
  if (c.error != RtcpError::none) return;
  EXPECT_EQ(r.report.block_count, c.blocks);
  EXPECT_EQ(r.report.packet_count, c.packets);
  EXPECT_EQ(r.report.sender.has_value(), c.sender);
  EXPECT_EQ(r.report.has_bye, c.bye);
  EXPECT_EQ(r.report.sender_ssrc, 0x11223344u);
}

const RtcpCase kCases[] = {
    {"sr_one_block", sr(0x11223344, 1), RtcpError::none, 1, 1, true},
    {"rr_no_block", rr(0x11223344, 0), RtcpError::none, 0, 1},
    {"rr_one_block", rr(0x11223344, 1), RtcpError::none, 1, 1},
    {"rr_two_blocks", rr(0x11223344, 2), RtcpError::none, 2, 1},
    {"compound_sr_sdes", sr(0x11223344, 1) + sdes(0x11223344), RtcpError::none, 1, 2, true},
    {"compound_rr_sdes_bye", rr(0x11223344, 1) + sdes(0x11223344) + bye(0x11223344), RtcpError::none, 1, 3,
     false, true},
    {"compound_blocks_add_up", rr(0x11223344, 2) + rr(0x99, 1), RtcpError::none, 3, 2},
    {"padded_last", padded(rr(0x11223344, 1), 4), RtcpError::none, 1, 1},
    {"empty", {}, RtcpError::too_short},
    {"three_bytes", {0x80, 0xc9, 0x00}, RtcpError::too_short},
    {"trailing_garbage", rr(0x11223344, 0) + Bytes{0x80, 0xc9}, RtcpError::too_short},
    {"truncated_sr", truncated(sr(0x11223344, 1), 40), RtcpError::bad_length},
    {"length_too_long", with(rr(0x11223344, 1), 3, 0x09), RtcpError::bad_length},
    {"version_1", with(rr(0x11223344, 0), 0, 0x40), RtcpError::bad_version},
    {"rtp_payload_type", with(rr(0x11223344, 0), 1, 0x60), RtcpError::bad_type},
    {"count_exceeds_length", with(rr(0x11223344, 1), 0, 0x82), RtcpError::bad_report_count},
    {"sr_without_sender_info", with(rr(0x11223344, 0), 1, 200), RtcpError::bad_report_count},
    {"padding_not_last", padded(rr(0x11223344, 0), 4) + sdes(1), RtcpError::bad_padding},
    {"padding_zero", with(padded(rr(0x11223344, 0), 4), 11, 0), RtcpError::bad_padding},
    {"padding_past_body", with(padded(rr(0x11223344, 0), 4), 11, 200), RtcpError::bad_padding},
};

INSTANTIATE_TEST_SUITE_P(Compound, RtcpCaseTest, testing::ValuesIn(kCases),
                         [](const auto& param_info) { return param_info.param.name; });

TEST(RtcpReport, ReadsSenderInfoAndBlockFields) {
  const RtcpParse r = parse_rtcp(sr(0x11223344, 1));
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r.report.sender);
  EXPECT_EQ(r.report.sender->ntp, 0xE123456780000000ull);
  EXPECT_EQ(r.report.sender->rtp_timestamp, 160000u);
  EXPECT_EQ(r.report.sender->packet_count, 1000u);
  EXPECT_EQ(r.report.sender->octet_count, 160000u);
  const ReportBlock& b = r.report.blocks[0];
  EXPECT_EQ(b.ssrc, 0x5000u);
  EXPECT_EQ(b.fraction_lost, 64);
  EXPECT_EQ(b.cumulative_lost, -1);
  EXPECT_EQ(b.ext_highest_seq, 0x0001FFF0u);
  EXPECT_EQ(b.jitter, 37u);
  EXPECT_EQ(b.lsr, 0xABCD1234u);
  EXPECT_EQ(b.dlsr, 0x00018000u);
}

TEST(RtcpReport, KeepsAtMost31BlocksAndSaysSo) {
  const RtcpParse r = parse_rtcp(rr(0x11223344, 31) + rr(0x11223344, 2));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.report.block_count, RtcpReport::kMaxBlocks);
  EXPECT_TRUE(r.report.blocks_truncated);
}

TEST(RtcpReport, RoundTripFromLsrAndDlsr) {
  ReportBlock b;
  b.lsr = 0x00010000;   // SR sent at 1 s
  b.dlsr = 0x00008000;  // held 0.5 s by the peer
  ASSERT_EQ(round_trip_ntp16(0x00020000, b), 0x8000u);  // back at 2 s -> 0.5 s
  EXPECT_DOUBLE_EQ(ntp16_to_ms(0x8000), 500.0);
  EXPECT_EQ(round_trip_ntp16(0x00018000 - 1, b), std::nullopt);  // before it could be
  b.lsr = 0;
  EXPECT_EQ(round_trip_ntp16(0x00020000, b), std::nullopt);  // no SR received yet
  b.lsr = 0xFFFF0000;  // across the 18-hour wrap of the middle 32 bits
  b.dlsr = 0x00010000;
  EXPECT_EQ(round_trip_ntp16(0x00010000, b), 0x10000u);
}

TEST(RtcpReport, NtpFromUnixTime) {
  EXPECT_EQ(ntp_from_unix_ns(0), 2208988800ull << 32);
  EXPECT_EQ(ntp_from_unix_ns(1'500'000'000), (2208988801ull << 32) | 0x80000000u);
  EXPECT_EQ(ntp_middle32(0x1234567890ABCDEFull), 0x567890ABu);
}

}  // namespace
}  // namespace rr::stats
