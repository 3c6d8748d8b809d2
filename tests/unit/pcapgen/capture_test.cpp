// The bytes pcapgen writes: pcap headers, RTP frames the relay's own parser accepts, and the
// round-robin order of a whole capture read back from disk.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <vector>

#include "relay/packet/frame.hpp"
#include "tools/pcapgen/capture.hpp"
#include "tools/pcapgen/streams_source.hpp"

namespace rr::pcapgen {
namespace {

Endpoint ep(const char* text) { return *Endpoint::parse(text); }

uint32_t le32(const uint8_t* p) { return p[0] | p[1] << 8 | p[2] << 16 | uint32_t{p[3]} << 24; }
uint32_t be32(const uint8_t* p) { return uint32_t{p[0]} << 24 | p[1] << 16 | p[2] << 8 | p[3]; }

TEST(PcapHeader, IsLibpcap24Ethernet) {
  const std::vector<uint8_t> expected = {0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0,
                                         0,    0,    0,    0,    0xff, 0xff, 0, 0, 1, 0, 0, 0};
  const auto header = file_header();
  EXPECT_EQ(std::vector<uint8_t>(header.begin(), header.end()), expected);
}

TEST(PcapHeader, RecordSplitsNanosecondsIntoSecondsAndMicroseconds) {
  struct Row {
    uint64_t time_ns;
    uint32_t length, seconds, micros;
  };
  for (const Row& row : std::vector<Row>{{0, 60, 0, 0},
                                         {20'000'000, 214, 0, 20'000},
                                         {1'999'999'999, 214, 1, 999'999},
                                         {3'000'000'500, 1514, 3, 0}}) {
    const auto h = record_header(row.time_ns, row.length);
    EXPECT_EQ(le32(&h[0]), row.seconds) << row.time_ns;
    EXPECT_EQ(le32(&h[4]), row.micros) << row.time_ns;
    EXPECT_EQ(le32(&h[8]), row.length);
    EXPECT_EQ(le32(&h[12]), row.length);
  }
}

TEST(RtpFrame, RelayParserSeesTheStreamsEndpointsAndRtpFields) {
  struct Row {
    const char* name;
    RtpStream stream;
    uint32_t offset;  // sequence_offset's
    uint16_t sequence;
    uint32_t timestamp;
  };
  const std::vector<Row> rows = {
      {"first packet", {ep("10.0.0.2:4000"), ep("192.0.2.1:10000"), 0x11223344, 7, 1000}, 0, 7, 1000},
      {"later round", {ep("10.0.0.2:4000"), ep("192.0.2.1:10002"), 1, 7, 1000}, 3, 10, 1480},
      {"sequence wraps", {ep("10.0.0.2:4000"), ep("192.0.2.1:10004"), 2, 65535, 0xffffff60}, 1, 0, 0},
      {"ipv6", {ep("[2001:db8::2]:4000"), ep("[2001:db8::1]:20000"), 3, 0, 0}, 2, 2, 320},
      {"far offset", {ep("10.0.0.2:4000"), ep("192.0.2.1:10006"), 4, 100, 0}, 3 * 16384, 100 + 3 * 16384, 3 * 16384 * 160},
  };
  for (const Row& row : rows) {
    std::array<uint8_t, 512> buffer{};
    auto size = rtp_frame(buffer, row.stream, row.offset, Link{});
    ASSERT_TRUE(size) << row.name;
    auto view = packet::parse_frame(std::span(buffer).first(*size), {.verify_udp_checksum = true});
    ASSERT_TRUE(view) << row.name << ": " << packet::name(view.drop());
    EXPECT_EQ(view->kind, packet::FrameKind::udp) << row.name;
    EXPECT_EQ(view->src, row.stream.caller) << row.name;
    EXPECT_EQ(view->dst, row.stream.relay) << row.name;
    ASSERT_EQ(view->payload.size(), kRtpHeaderSize + kG711PayloadSize) << row.name;
    const uint8_t* rtp = view->payload.data();
    EXPECT_EQ(rtp[0], 0x80) << row.name;
    EXPECT_EQ(rtp[1], 0) << row.name;  // PCMU, no marker
    EXPECT_EQ(rtp[2] << 8 | rtp[3], row.sequence) << row.name;
    EXPECT_EQ(be32(rtp + 4), row.timestamp) << row.name;
    EXPECT_EQ(be32(rtp + 8), row.stream.ssrc) << row.name;
  }
}

// What a relay's RFC 3550 A.1 statistics see as a looping replay goes round: each step
// from one round to the next, the last one wrapping to the next loop's first round.
std::vector<uint32_t> steps(const CaptureSpec& spec) {
  std::vector<uint32_t> out;
  for (uint32_t round = 1; round <= spec.rounds; ++round) {
    const uint32_t next = round == spec.rounds ? 65536 : sequence_offset(spec, round);
    out.push_back(next - sequence_offset(spec, round - 1));
  }
  return out;
}

TEST(SequenceOffset, FixedStepAndLoopSequence) {
  // 4 rounds of step 16384 cover the sequence space: the replay's next loop follows on.
  const CaptureSpec fixed{.rounds = 4, .sequence_step = 16384};
  EXPECT_EQ(steps(fixed), (std::vector<uint32_t>{16384, 16384, 16384, 16384}));
  for (const uint32_t rounds : {kMinLoopRounds, 32u, 1024u}) {
    const CaptureSpec loop{.rounds = rounds, .loop_sequence = true};
    const auto s = steps(loop);
    EXPECT_EQ(sequence_offset(loop, 0), 0u) << rounds;
    EXPECT_EQ(sequence_offset(loop, 1), 1u) << rounds;  // the first two in sequence: probation passes
    uint64_t total = 0;
    for (const uint32_t step : s) {
      EXPECT_GE(step, 1u) << rounds;
      EXPECT_LT(step, 3000u) << rounds;  // MAX_DROPOUT: counted in sequence, never a jump
      total += step;
    }
    EXPECT_EQ(total, 65536u) << rounds;  // SRTP-safe: the next loop is every stream's successor
  }
  // One round fewer and some step would be a jump.
  const CaptureSpec short_loop{.rounds = kMinLoopRounds - 1, .loop_sequence = true};
  const auto s = steps(short_loop);
  EXPECT_GE(*std::max_element(s.begin(), s.end()), 3000u);
}

TEST(RtpFrame, RefusesWhatItCannotBuild) {
  std::array<uint8_t, 512> buffer{};
  const RtpStream mixed{ep("10.0.0.2:4000"), ep("[2001:db8::1]:20000")};
  auto refused = rtp_frame(buffer, mixed, 0, Link{});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.drop(), packet::DropReason::unhandled);
  const RtpStream ok{ep("10.0.0.2:4000"), ep("192.0.2.1:10000")};
  auto small = rtp_frame(std::span(buffer).first(100), ok, 0, Link{});
  ASSERT_FALSE(small);
  EXPECT_EQ(small.drop(), packet::DropReason::too_short);
}

TEST(Streams, DistinctIdentitiesAndEvenPorts) {
  const auto streams = synthetic_streams(1000, ep("10.0.0.2:4000"), ep("192.0.2.1:10000"));
  ASSERT_EQ(streams.size(), 1000u);
  EXPECT_EQ(streams[0].relay.port, 10000);
  EXPECT_EQ(streams[999].relay.port, 10000 + 2 * 999);
  std::vector<uint32_t> ssrcs;
  for (const auto& s : streams) ssrcs.push_back(s.ssrc);
  std::sort(ssrcs.begin(), ssrcs.end());
  EXPECT_EQ(std::adjacent_find(ssrcs.begin(), ssrcs.end()), ssrcs.end());
  EXPECT_NE(ssrcs.front(), 0u);
}

TEST(Streams, PerAddressMovesToTheNextAddress) {
  struct Row {
    uint32_t index;
    const char* relay;
  };
  const auto streams = synthetic_streams(7, ep("10.0.0.2:4000"), ep("192.0.2.255:10000"), 3);
  for (const Row& row : std::vector<Row>{{0, "192.0.2.255:10000"}, {2, "192.0.2.255:10004"},
                                         {3, "192.0.3.0:10000"}, {6, "192.0.3.1:10000"}}) {
    EXPECT_EQ(streams[row.index].relay.to_string(), row.relay) << row.index;
  }
}

// Reads a pcap back: (time_ns rounded to µs, frame bytes) per record.
std::vector<std::pair<uint64_t, std::vector<uint8_t>>> read_pcap(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::pair<uint64_t, std::vector<uint8_t>>> records;
  size_t at = kFileHeaderSize;
  while (at + kRecordHeaderSize <= bytes.size()) {
    const uint64_t t = le32(&bytes[at]) * 1'000'000'000ull + le32(&bytes[at + 4]) * 1000ull;
    const uint32_t length = le32(&bytes[at + 8]);
    at += kRecordHeaderSize;
    if (at + length > bytes.size()) break;
    records.emplace_back(t, std::vector<uint8_t>(bytes.begin() + at, bytes.begin() + at + length));
    at += length;
  }
  EXPECT_EQ(at, bytes.size()) << "trailing bytes";
  return records;
}

TEST(Capture, AnnouncesNeighboursThenInterleavesStreamsRoundRobin) {
  const std::string path = testing::TempDir() + "pcapgen_capture_test.pcap";
  CaptureSpec spec{.streams = synthetic_streams(3, ep("10.0.0.2:4000"), ep("192.0.2.1:10000")),
                   .rounds = 2,
                   .neighbours = {{packet::MacAddress{{2, 0, 0, 0, 0xb, 1}}, IpAddress::v4(192, 0, 2, 50)}}};
  std::string error;
  auto writer = PcapWriter::create(path, error);
  ASSERT_TRUE(writer) << error;
  CaptureResult result = write_capture(*writer, spec);
  ASSERT_EQ(result.error, "");
  ASSERT_TRUE(writer->close());
  EXPECT_EQ(result.frames, 1u + 3 * 2);

  auto records = read_pcap(path);
  std::remove(path.c_str());
  ASSERT_EQ(records.size(), 7u);
  auto arp = packet::parse_frame(records[0].second);
  ASSERT_TRUE(arp);
  EXPECT_EQ(arp->kind, packet::FrameKind::arp);
  const uint64_t expected_time[] = {0, 6'666'000, 13'333'000, 20'000'000, 26'666'000, 33'333'000};
  for (size_t i = 0; i < 6; ++i) {
    auto view = packet::parse_frame(records[i + 1].second);
    ASSERT_TRUE(view) << i;
    EXPECT_EQ(view->dst, spec.streams[i % 3].relay) << i;
    EXPECT_EQ(records[i + 1].first, expected_time[i]) << i;
  }
}

TEST(Capture, NoStreamsIsAnError) {
  const std::string path = testing::TempDir() + "pcapgen_empty_test.pcap";
  std::string error;
  auto writer = PcapWriter::create(path, error);
  ASSERT_TRUE(writer) << error;
  EXPECT_EQ(write_capture(*writer, CaptureSpec{}).error, "no streams");
  std::remove(path.c_str());
}

TEST(PcapWriter, UnwritablePathIsAnError) {
  std::string error;
  EXPECT_FALSE(PcapWriter::create("/nonexistent-dir/x.pcap", error));
  EXPECT_NE(error.find("/nonexistent-dir/x.pcap"), std::string::npos);
}

}  // namespace
}  // namespace rr::pcapgen
