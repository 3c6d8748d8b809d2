#include "tools/rtpgen/receive_stats.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace rr::rtpgen {
namespace {

constexpr uint64_t kStepNs = 20'000'000;  // 20 ms, 160 timestamp units at 8 kHz

struct Row {
  const char* name;
  std::vector<uint16_t> sequence;  // arrival order; timestamps follow the sequence number
  uint64_t received, lost, duplicates, expected;
};

TEST(ReceiveStats, LossAndDuplicatesFromCraftedSequences) {
  const Row rows[] = {
      {"in order", {10, 11, 12, 13}, 4, 0, 0, 4},
      {"one gap", {10, 11, 13, 14}, 4, 1, 0, 5},
      {"duplicate of the latest", {10, 11, 11, 12}, 3, 0, 1, 3},
      {"late duplicate", {10, 11, 12, 11}, 3, 0, 1, 3},
      {"reordered fills the gap", {10, 12, 11, 13}, 4, 0, 0, 4},
      {"wrap", {65534, 65535, 0, 1}, 4, 0, 0, 4},
      {"loss across the wrap", {65534, 1, 2}, 3, 2, 0, 5},
      {"duplicate after the wrap", {65535, 0, 65535}, 2, 0, 1, 2},
      {"jump ignored once", {10, 11, 20000, 12}, 3, 0, 0, 3},
      {"jump confirmed: resync", {10, 11, 20000, 20001, 20002}, 2, 0, 0, 2},
  };
  for (const Row& row : rows) {
    ReceiveStats stats;
    uint64_t arrival = 0;
    for (uint16_t seq : row.sequence) {
      stats.on_packet(seq, uint32_t{seq} * 160, arrival += kStepNs);
    }
    EXPECT_EQ(stats.received(), row.received) << row.name;
    EXPECT_EQ(stats.lost(), row.lost) << row.name;
    EXPECT_EQ(stats.duplicates(), row.duplicates) << row.name;
    EXPECT_EQ(stats.expected(), row.expected) << row.name;
  }
}

TEST(ReceiveStats, JitterIsZeroForPerfectPacing) {
  ReceiveStats stats;
  for (uint32_t i = 0; i < 100; ++i) stats.on_packet(uint16_t(i), 1000 + i * 160, 5'000'000 + i * kStepNs);
  EXPECT_DOUBLE_EQ(stats.jitter_ms(), 0.0);
}

TEST(ReceiveStats, JitterConvergesToTheTransitVariation) {
  // Arrivals alternate 1 ms early and 1 ms late: |D| is 2 ms after the first packet, so
  // J = J + (2 - J)/16 converges to 2 ms (RFC 3550 A.8).
  ReceiveStats stats;
  for (uint32_t i = 0; i < 2000; ++i) {
    uint64_t offset = (i % 2) ? 2'000'000 : 0;
    stats.on_packet(uint16_t(i), i * 160, 100'000'000 + i * kStepNs + offset);
  }
  EXPECT_NEAR(stats.jitter_ms(), 2.0, 0.001);
}

TEST(ReceiveStats, JitterAfterOneDelayedPacket) {
  // One packet 16 ms late: D = 16 ms then D = 16 ms back; J = 1, then 1 + (16 - 1)/16.
  ReceiveStats stats;
  const uint64_t late[] = {0, 0, 16'000'000, 0};
  for (uint32_t i = 0; i < 4; ++i) stats.on_packet(uint16_t(i), i * 160, i * kStepNs + late[i]);
  EXPECT_NEAR(stats.jitter_ms(), 1.0 + 15.0 / 16.0, 1e-9);
}

TEST(ReceiveStats, EmptyStreamReportsNothing) {
  ReceiveStats stats;
  EXPECT_EQ(stats.expected(), 0u);
  EXPECT_EQ(stats.lost(), 0u);
  EXPECT_EQ(stats.received(), 0u);
}

}  // namespace
}  // namespace rr::rtpgen
