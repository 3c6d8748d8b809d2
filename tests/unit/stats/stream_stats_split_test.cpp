// What the hot/cold split of StreamStats must not change for readers: values it now derives
// instead of storing (packets, expected, jitter) while a source is on probation, after a
// resync, at saturation, and while a reader snapshots concurrently with the writer.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include "relay/stats/stream_stats.hpp"

namespace rr::stats {
namespace {

constexpr uint64_t kNsPerMs = 1'000'000;

struct Step {
  uint32_t ssrc;
  uint16_t seq;
  // The snapshot after this packet.
  uint64_t packets, received, expected, ext_max;
};

struct SplitCase {
  std::string name;
  std::vector<Step> steps;
};

// received/expected/ext_max are the counted run's; probation and discarded packets count in
// packets only, and the previous source's totals hold until the new one is believed.
const SplitCase kSplitCases[] = {
    {"probation_keeps_old_totals",
     {{0xa, 10, 1, 0, 0, 0}, {0xa, 11, 2, 1, 1, 11}, {0xa, 12, 3, 2, 2, 12},
      {0xb, 500, 4, 2, 2, 12},    // new SSRC on probation: the old run still shows
      {0xb, 700, 5, 2, 2, 12},    // out of sequence: probation starts over
      {0xb, 701, 6, 3, 3, 701},   // believed: expected continues from 2
      {0xb, 702, 7, 4, 4, 702}}},
    {"resync_continues_expected",
     {{0xa, 10, 1, 0, 0, 0}, {0xa, 11, 2, 1, 1, 11}, {0xa, 12, 3, 2, 2, 12},
      {0xa, 30000, 4, 2, 2, 12},  // discarded until the next packet follows it
      {0xa, 30001, 5, 3, 3, 30001}, {0xa, 30003, 6, 4, 5, 30003}}},
    {"wrap_keeps_cycles",
     {{0xa, 65534, 1, 0, 0, 0}, {0xa, 65535, 2, 1, 1, 65535}, {0xa, 1, 3, 2, 3, 65537},
      {0xa, 0, 4, 3, 3, 65537}}},  // late, not a new cycle
};

class StreamStatsSplit : public testing::TestWithParam<SplitCase> {};

TEST_P(StreamStatsSplit, DerivedCountersAfterEveryPacket) {
  StreamStats stats(RtpClock(8000, 1'000'000'000));
  uint64_t ms = 0;
  for (const Step& step : GetParam().steps) {
    stats.on_rtp({step.ssrc, step.seq, static_cast<uint32_t>(ms * 8), 100}, ms * kNsPerMs);
    const StatsSnapshot s = stats.snapshot();
    SCOPED_TRACE(step.seq);
    EXPECT_EQ(s.packets, step.packets);
    EXPECT_EQ(s.received, step.received);
    EXPECT_EQ(s.expected, step.expected);
    EXPECT_EQ(s.ext_max_seq, step.ext_max);
    EXPECT_EQ(s.ssrc, step.ssrc);
    ms += 20;
  }
}

INSTANTIATE_TEST_SUITE_P(Split, StreamStatsSplit, testing::ValuesIn(kSplitCases),
                         [](const auto& param_info) { return param_info.param.name; });

TEST(StreamStatsSplit, JitterSaturatesInsteadOfWrapping) {
  StreamStats stats(RtpClock(8000, 1'000'000'000));
  // Every packet on time but its timestamp half the RTP clock away: |D| = 2^31 - 1 units.
  for (uint16_t seq = 1; seq < 200; ++seq) {
    const uint32_t timestamp = (seq % 2) ? 0 : 0x7fffffffu;
    stats.on_rtp({1, seq, timestamp, 100}, uint64_t{seq} * 20 * kNsPerMs);
  }
  const StatsSnapshot s = stats.snapshot();
  EXPECT_EQ(s.jitter, std::numeric_limits<uint32_t>::max() >> 4);
  EXPECT_EQ(s.max_jitter, s.jitter);
}

// A reader racing the writer across SSRC changes and resyncs never sees an expected count
// that went backwards or beyond the final one (an offset paired with another run's ext_max).
TEST(StreamStatsSplit, ConcurrentSnapshotsSeeExpectedGrowOnly) {
  StreamStats stats(RtpClock(8000, 1'000'000'000));
  std::atomic<bool> started{false}, done{false};
  uint64_t bad = 0, last = 0, snapshots = 0;
  std::thread reader([&] {
    do {  // at least once, however the threads are scheduled
      const StatsSnapshot s = stats.snapshot();
      if (s.expected < last || s.received > s.packets) ++bad;
      last = s.expected;
      ++snapshots;
      started.store(true, std::memory_order_release);
    } while (!done.load(std::memory_order_acquire));
  });
  // The writer starts once the reader runs, so that they overlap on a loaded machine too.
  while (!started.load(std::memory_order_acquire)) std::this_thread::yield();
  uint64_t ticks = 0;
  for (uint32_t run = 0; run < 2000; ++run) {
    const auto start = static_cast<uint16_t>(run * 7919);  // far from the last run: a resync
    for (uint16_t i = 0; i < 8; ++i) {
      const uint32_t ssrc = run % 3 == 0 ? run : 1;  // every third run a new source
      stats.on_rtp({ssrc, static_cast<uint16_t>(start + i), i * 160u, 100}, ticks += 20 * kNsPerMs);
    }
  }
  done.store(true, std::memory_order_release);
  reader.join();
  EXPECT_EQ(bad, 0u);
  EXPECT_LE(last, stats.snapshot().expected);
  EXPECT_GT(snapshots, 0u);
}

}  // namespace
}  // namespace rr::stats
