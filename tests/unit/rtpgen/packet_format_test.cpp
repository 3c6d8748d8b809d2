#include "tools/rtpgen/packet_format.hpp"

#include <gtest/gtest.h>

#include <array>
#include <vector>

namespace rr::rtpgen {
namespace {

TEST(PacketFormat, RoundTripKeepsEveryField) {
  const ProbePacket rows[] = {
      {0, 0, 0, false, 0, 0},
      {65535, 0xFFFFFFFF, 0xDEADBEEF, true, 99999, 0xFFFFFFFFFFFFFFFF},
      {1234, 160 * 50, 42, false, 7, 123456789012345},
  };
  for (const ProbePacket& in : rows) {
    std::array<uint8_t, kPacketSize> bytes{};
    write_packet(in, bytes);
    EXPECT_EQ(bytes[0], 0x80);
    EXPECT_EQ(bytes[1] & 0x7F, kPayloadType);
    ProbePacket out;
    ASSERT_EQ(read_packet(bytes, out), ParseError::none);
    EXPECT_EQ(out.sequence, in.sequence);
    EXPECT_EQ(out.timestamp, in.timestamp);
    EXPECT_EQ(out.ssrc, in.ssrc);
    EXPECT_EQ(out.marker, in.marker);
    EXPECT_EQ(out.stream, in.stream);
    EXPECT_EQ(out.send_ns, in.send_ns);
  }
}

std::vector<uint8_t> valid_packet() {
  std::array<uint8_t, kPacketSize> bytes{};
  write_packet({1, 2, 3, false, 4, 5}, bytes);
  return {bytes.begin(), bytes.end()};
}

TEST(PacketFormat, RejectsWhatIsNotAProbe) {
  struct Row {
    const char* name;
    std::vector<uint8_t> bytes;
    ParseError expected;
  };
  std::vector<uint8_t> header_only = valid_packet();
  header_only.resize(kRtpHeaderSize);
  std::vector<uint8_t> v1 = valid_packet();
  v1[0] = 0x40;
  std::vector<uint8_t> pcma = valid_packet();
  pcma[1] = 8;
  std::vector<uint8_t> no_magic = valid_packet();
  no_magic[12] ^= 1;
  std::vector<uint8_t> huge_csrc = valid_packet();
  huge_csrc[0] = 0x8F;  // 15 CSRCs: the probe would be past the end
  huge_csrc.resize(kRtpHeaderSize + 60);
  std::vector<uint8_t> ext_past_end = valid_packet();
  ext_past_end[0] = 0x90;  // extension whose length (0xFFFF words) runs past the end
  ext_past_end[12 + 2] = 0xFF;
  ext_past_end[12 + 3] = 0xFF;
  const Row rows[] = {
      {"empty", {}, ParseError::too_short},
      {"header only", header_only, ParseError::too_short},
      {"version 1", v1, ParseError::not_rtp_v2},
      {"PCMA", pcma, ParseError::wrong_payload_type},
      {"no magic", no_magic, ParseError::no_probe},
      {"CSRCs past end", huge_csrc, ParseError::too_short},
      {"extension past end", ext_past_end, ParseError::too_short},
  };
  for (const Row& row : rows) {
    ProbePacket out;
    EXPECT_EQ(read_packet(row.bytes, out), row.expected) << row.name;
  }
}

TEST(PacketFormat, SkipsCsrcsAndExtensionARelayAdded) {
  std::vector<uint8_t> plain = valid_packet();
  // One CSRC and a one-word extension inserted between header and probe.
  std::vector<uint8_t> grown(plain.begin(), plain.begin() + 12);
  grown[0] = 0x80 | 0x10 | 1;
  for (uint8_t b : {1, 2, 3, 4, 0xBE, 0xDE, 0, 1, 0x10, 0xAA, 0, 0}) grown.push_back(b);
  grown.insert(grown.end(), plain.begin() + 12, plain.end());
  ProbePacket out;
  ASSERT_EQ(read_packet(grown, out), ParseError::none);
  EXPECT_EQ(out.stream, 4u);
  EXPECT_EQ(out.send_ns, 5u);
}

}  // namespace
}  // namespace rr::rtpgen
