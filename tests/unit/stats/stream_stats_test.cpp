// StreamStats against values computed by hand from RFC 3550 A.1/A.3/A.8.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "relay/stats/stream_stats.hpp"

namespace rr::stats {
namespace {

constexpr uint64_t kNsPerMs = 1'000'000;

struct Packet {
  uint16_t seq;
  uint32_t timestamp;
  uint64_t arrival_ms;
  uint32_t ssrc = 0x1234;
};

// Packets n..n+count-1, 20 ms / 160 timestamp units apart, arrival exactly on time.
std::vector<Packet> run(uint16_t first_seq, int count, uint32_t ssrc = 0x1234, uint64_t start_ms = 0) {
  std::vector<Packet> out;
  for (int i = 0; i < count; ++i) {
    out.push_back({static_cast<uint16_t>(first_seq + i), 1000u + 160u * static_cast<uint32_t>(i),
                   start_ms + 20u * static_cast<uint64_t>(i), ssrc});
  }
  return out;
}

std::vector<Packet> pick(const std::vector<Packet>& all, const std::vector<size_t>& order) {
  std::vector<Packet> out;
  for (size_t i : order) out.push_back(all[i]);
  return out;
}

std::vector<Packet> concat(std::vector<Packet> a, const std::vector<Packet>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

struct Case {
  std::string name;
  std::vector<Packet> packets;
  uint64_t received, expected;
  int64_t lost;
  uint64_t duplicates, out_of_order, ssrc_changes, resyncs, ext_max;
  std::optional<uint32_t> jitter;  // RTP units; nullopt = not checked
};

class StreamStatsCase : public testing::TestWithParam<Case> {};

TEST_P(StreamStatsCase, MatchesHandComputedValues) {
  const Case& c = GetParam();
  StreamStats stats(RtpClock(8000, 1'000'000'000));
  for (const Packet& p : c.packets) stats.on_rtp({p.ssrc, p.seq, p.timestamp, 172}, p.arrival_ms * kNsPerMs);
  const StatsSnapshot s = stats.snapshot();
  EXPECT_EQ(s.packets, c.packets.size());
  EXPECT_EQ(s.bytes, 172 * c.packets.size());
  EXPECT_EQ(s.received, c.received);
  EXPECT_EQ(s.expected, c.expected);
  EXPECT_EQ(s.lost(), c.lost);
  EXPECT_EQ(s.lost_clamped(), c.lost < 0 ? 0u : static_cast<uint64_t>(c.lost));
  EXPECT_EQ(s.duplicates, c.duplicates);
  EXPECT_EQ(s.out_of_order, c.out_of_order);
  EXPECT_EQ(s.ssrc_changes, c.ssrc_changes);
  EXPECT_EQ(s.resyncs, c.resyncs);
  EXPECT_EQ(s.ext_max_seq, c.ext_max);
  if (c.jitter) {
    EXPECT_EQ(s.jitter, *c.jitter);
  }
  EXPECT_EQ(s.last_arrival, c.packets.back().arrival_ms * kNsPerMs);
}

// Arrival offsets alternating 0 / +10 ms (80 units): |D| = 80 after the first packet,
// J(q4) = 80, 155, 225, 291 -> J = 5, 9, 14, 18 (A.8 integer form).
std::vector<Packet> alternating(int count) {
  auto p = run(100, count);
  for (size_t i = 1; i < p.size(); i += 2) p[i].arrival_ms += 10;
  return p;
}

// Silence suppression: the timestamp and the arrival both jump by one second.
std::vector<Packet> talkspurt_gap() {
  auto p = run(100, 6);
  for (size_t i = 3; i < p.size(); ++i) p[i].timestamp += 8000, p[i].arrival_ms += 1000;
  return p;
}

// The timestamp jumps 100 ms (800 units) but the packet arrives on the 20 ms beat: D = 800.
std::vector<Packet> timestamp_jump() {
  auto p = run(100, 6);
  p[5].timestamp += 800;
  return p;
}

std::vector<Packet> constant_delay() {
  auto p = run(100, 10);
  for (auto& packet : p) packet.arrival_ms += 35;
  return p;
}

// The first packet of a new source is probation (A.1, MIN_SEQUENTIAL = 2): base_seq is
// the second packet, so 10 packets give received = expected = 9.
const Case kCases[] = {
    {"in_order", run(100, 10), 9, 9, 0, 0, 0, 0, 0, 109, 0},
    // 103, 106, 107 missing: base 101, max 109.
    {"loss", pick(run(100, 10), {0, 1, 2, 4, 5, 8, 9}), 6, 9, 3, 0, 0, 0, 0, 109, 0},
    {"reorder", pick(run(100, 6), {0, 1, 2, 4, 3, 5}), 5, 5, 0, 0, 1, 0, 0, 105, std::nullopt},
    // 102 again right away (== max) and 101 late again: both duplicates, lost = -2.
    {"duplicates", pick(run(100, 4), {0, 1, 2, 2, 3, 1}), 5, 3, -2, 2, 0, 0, 0, 103, std::nullopt},
    // 65534, 65535, 0, 1, 2 counted: one cycle, ext_max = 65536 + 2.
    {"wraparound", run(65533, 6), 5, 5, 0, 0, 0, 0, 0, 65538, 0},
    // Two sources, each with one probation packet: 2 + 2 counted.
    {"ssrc_change", concat(run(10, 3, 0xaaaa), run(500, 3, 0xbbbb, 60)), 4, 4, 0, 0, 0, 1, 0, 502, 0},
    // 20000 is ignored until 20001 confirms it; the run restarts there (resync).
    {"large_jump_resync", concat(run(10, 3), run(20000, 3, 0x1234, 60)), 4, 4, 0, 0, 0, 0, 1, 20002,
     std::nullopt},
    // A lone wild sequence number is discarded and the stream carries on.
    {"large_jump_ignored", pick(concat(run(10, 5), run(20000, 1)), {0, 1, 2, 5, 3, 4}), 4, 4, 0, 0, 0, 0,
     0, 14, std::nullopt},
    {"constant_delay", constant_delay(), 9, 9, 0, 0, 0, 0, 0, 109, 0},
    {"talkspurt_gap", talkspurt_gap(), 5, 5, 0, 0, 0, 0, 0, 105, 0},
    {"timestamp_jump", timestamp_jump(), 5, 5, 0, 0, 0, 0, 0, 105, 800 / 16},
    {"alternating_delay", alternating(5), 4, 4, 0, 0, 0, 0, 0, 104, 18},
};

INSTANTIATE_TEST_SUITE_P(Rfc3550, StreamStatsCase, testing::ValuesIn(kCases),
                         [](const auto& param_info) { return param_info.param.name; });

TEST(StreamStats, JitterInMillisecondsUsesClockRate) {
  StreamStats stats(RtpClock(8000, 1'000'000'000));
  for (const Packet& p : alternating(5)) stats.on_rtp({p.ssrc, p.seq, p.timestamp, 172}, p.arrival_ms * kNsPerMs);
  const StatsSnapshot s = stats.snapshot();
  EXPECT_DOUBLE_EQ(s.jitter_ms(), 18.0 / 8.0);
  EXPECT_EQ(s.max_jitter, 18u);
}

TEST(StreamStats, MaxJitterKeepsThePeakAfterJitterDecays) {
  StreamStats stats(RtpClock(8000, 1'000'000'000));
  auto packets = timestamp_jump();
  // After the jump, on-time packets with consistent timestamps: D = 0, J decays by 1/16.
  for (int i = 0; i < 20; ++i) {
    const Packet& last = packets.back();
    packets.push_back({static_cast<uint16_t>(last.seq + 1), last.timestamp + 160, last.arrival_ms + 20});
  }
  for (const Packet& p : packets) stats.on_rtp({p.ssrc, p.seq, p.timestamp, 172}, p.arrival_ms * kNsPerMs);
  const StatsSnapshot s = stats.snapshot();
  EXPECT_EQ(s.max_jitter, 50u);
  EXPECT_LT(s.jitter, 50u);
}

TEST(StreamStats, RtcpIsCountedSeparately) {
  StreamStats stats(RtpClock(8000, 1'000'000'000));
  stats.on_rtcp(52);
  stats.on_rtcp(80);
  const StatsSnapshot s = stats.snapshot();
  EXPECT_EQ(s.rtcp_packets, 2u);
  EXPECT_EQ(s.rtcp_bytes, 132u);
  EXPECT_EQ(s.packets, 0u);
  EXPECT_EQ(s.expected, 0u);
  EXPECT_DOUBLE_EQ(s.loss_fraction(), 0.0);
}

TEST(RtpClock, ConvertsWholeUnitsExactly) {
  const RtpClock ns(8000, 1'000'000'000);
  EXPECT_EQ(ns.to_units(20 * kNsPerMs), 160u);
  EXPECT_EQ(ns.to_units(3'600'000 * kNsPerMs), 28'800'000u);  // one hour
  const RtpClock tsc(48000, 2'994'374'000);
  EXPECT_EQ(tsc.to_units(2'994'374'000), 48000u);
  EXPECT_FALSE(RtpClock(8000, 8000).valid());
}

}  // namespace
}  // namespace rr::stats
