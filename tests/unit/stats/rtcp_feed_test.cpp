// StreamStats::on_rtcp(span): crafted SR/RR compounds and what the snapshot keeps of them.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "relay/stats/stream_stats.hpp"
#include "tests/unit/stats/rtcp_compound.hpp"

namespace rr::stats {
namespace {

using test::report;

struct Case {
  std::string name;
  std::vector<std::vector<uint8_t>> datagrams;
  uint64_t reports, malformed;
  uint32_t ssrc;
  uint8_t fraction;
  int32_t lost;
  uint32_t jitter;
  double jitter_ms;  // at 8 kHz
};

TEST(StreamStatsRtcp, KeepsTheLatestFirstReportBlock) {
  std::vector<uint8_t> truncated = report(false, {{1, 0, 0}});
  truncated.resize(20);  // the length field still claims the whole block
  const std::vector<Case> cases = {
      {"rr_one_block", {report(false, {{0x5000, 0x40000007, 80}})}, 1, 0, 0x5000, 64, 7, 80, 10.0},
      {"sr_one_block", {report(true, {{0x6000, 0x19000002, 160}})}, 1, 0, 0x6000, 25, 2, 160, 20.0},
      {"negative_cumulative", {report(false, {{1, 0x00FFFFFE, 8}})}, 1, 0, 1, 0, -2, 8, 1.0},
      {"first_of_two_blocks", {report(false, {{7, 0x01000001, 16}, {8, 0xFF00FFFF, 99}})},
       1, 0, 7, 1, 1, 16, 2.0},
      {"latest_wins",
       {report(false, {{9, 0x10000003, 40}}), report(true, {{9, 0x20000005, 24}})},
       2, 0, 9, 32, 5, 24, 3.0},
      {"sr_without_blocks", {report(true, {})}, 0, 0, 0, 0, 0, 0, 0.0},
      {"truncated_keeps_previous", {report(false, {{3, 0x08000001, 8}}), truncated},
       1, 1, 3, 8, 1, 8, 1.0},
      {"garbage", {{0x00, 0x01, 0x02}}, 0, 1, 0, 0, 0, 0, 0.0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    StreamStats stats(RtpClock(8000, 1'000'000'000));
    uint64_t bytes = 0;
    for (const auto& d : c.datagrams) {
      stats.on_rtcp(std::span<const uint8_t>(d), 0);
      bytes += d.size();
    }
    const StatsSnapshot s = stats.snapshot();
    EXPECT_EQ(s.rtcp_packets, c.datagrams.size());  // malformed ones are still counted
    EXPECT_EQ(s.rtcp_bytes, bytes);
    EXPECT_EQ(s.rtcp_reports, c.reports);
    EXPECT_EQ(s.rtcp_malformed, c.malformed);
    EXPECT_EQ(s.reported_ssrc, c.ssrc);
    EXPECT_EQ(s.reported_fraction_lost, c.fraction);
    EXPECT_EQ(s.reported_lost, c.lost);
    EXPECT_EQ(s.reported_jitter, c.jitter);
    EXPECT_DOUBLE_EQ(s.reported_jitter_ms(), c.jitter_ms);
    EXPECT_DOUBLE_EQ(s.reported_loss_fraction(), c.fraction / 256.0);
    EXPECT_EQ(s.packets, 0u);  // RTCP never touches the RTP counters
  }
}

}  // namespace
}  // namespace rr::stats
