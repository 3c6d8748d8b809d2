#include "control/ports/port_range.hpp"

#include <gtest/gtest.h>

#include <set>

namespace rr::ports {
namespace {

using namespace std::chrono_literals;
const Clock::time_point t0{};

RangeConfig range(uint16_t lo, uint16_t hi, Clock::duration quarantine = 10s) {
  return RangeConfig{lo, hi, quarantine};
}

TEST(PortRange, AllocatesTableOfRequests) {
  struct Row {
    const char* name;
    RangeConfig config;
    uint32_t start;
    std::vector<Need> needs;
    std::vector<std::optional<uint16_t>> expected;
  };
  const Row rows[] = {
      {"pairs start even and advance", range(10000, 10009), 0, {Need::pair, Need::pair},
       {10000, 10002}},
      {"odd port-min skips to even", range(10001, 10008), 0, {Need::pair, Need::pair},
       {10002, 10004}},
      {"start rotates the first pick", range(10000, 10009), 6, {Need::pair, Need::pair},
       {10006, 10008}},
      {"round robin wraps", range(10000, 10005), 4, {Need::pair, Need::pair, Need::pair},
       {10004, 10000, 10002}},
      {"single prefers even", range(10000, 10003), 1, {Need::single, Need::single},
       {10002, 10000}},
      {"single falls back to odd", range(10000, 10002), 0,
       {Need::single, Need::single, Need::single, Need::single}, {10000, 10002, 10001, {}}},
      {"pair needs port+1 inside range", range(10000, 10000), 0, {Need::pair, Need::single},
       {{}, 10000}},
      {"exhaustion", range(10000, 10003), 0, {Need::pair, Need::pair, Need::pair},
       {10000, 10002, {}}},
      {"empty range", range(10005, 10000), 0, {Need::pair, Need::single}, {{}, {}}},
      {"top of the port space", range(65534, 65535), 0, {Need::pair}, {65534}},
  };
  for (const auto& row : rows) {
    PortRange ports(row.config, row.start);
    for (size_t i = 0; i < row.needs.size(); ++i) {
      EXPECT_EQ(ports.allocate(row.needs[i], t0), row.expected[i]) << row.name << " #" << i;
    }
  }
}

TEST(PortRange, PairUsesTwoPortsAndCountsThem) {
  PortRange ports(range(10000, 10009), 0);
  ASSERT_EQ(ports.allocate(Need::pair, t0), 10000);
  ASSERT_EQ(ports.allocate(Need::single, t0), 10002);
  Counters c = ports.counters(t0);
  EXPECT_EQ(c.used, 3u);
  EXPECT_EQ(c.free, 7u);
  EXPECT_EQ(c.quarantined, 0u);
}

TEST(PortRange, ReleasedPortIsQuarantinedUntilExpiry) {
  PortRange ports(range(10000, 10001), 0);  // room for exactly one pair
  ASSERT_EQ(ports.allocate(Need::pair, t0), 10000);
  ports.release(10000, Need::pair, t0);
  EXPECT_EQ(ports.counters(t0).quarantined, 2u);
  EXPECT_EQ(ports.allocate(Need::pair, t0 + 9s), std::nullopt) << "still quarantined";
  EXPECT_EQ(ports.allocate(Need::pair, t0 + 10s), 10000) << "quarantine over";
  Counters c = ports.counters(t0 + 10s);
  EXPECT_EQ(c.used, 2u);
  EXPECT_EQ(c.quarantined, 0u);
}

TEST(PortRange, ExhaustionThenRecovery) {
  PortRange ports(range(10000, 10099, 0s), 0);
  std::set<uint16_t> got;
  while (auto port = ports.allocate(Need::pair, t0)) got.insert(*port);
  EXPECT_EQ(got.size(), 50u);
  EXPECT_EQ(ports.counters(t0).free, 0u);
  ports.release(10042, Need::pair, t0);
  EXPECT_EQ(ports.allocate(Need::pair, t0), 10042);
}

TEST(PortRange, ReleaseOfUnknownOrTwiceIsHarmless) {
  PortRange ports(range(10000, 10009), 0);
  ASSERT_EQ(ports.allocate(Need::single, t0), 10000);
  ports.release(10000, Need::single, t0);
  ports.release(10000, Need::single, t0);  // twice
  ports.release(9000, Need::pair, t0);     // outside the range
  ports.release(10004, Need::pair, t0);    // never allocated
  Counters c = ports.counters(t0);
  EXPECT_EQ(c.used, 0u);
  EXPECT_EQ(c.quarantined, 1u);
  EXPECT_EQ(c.free, 9u);
}

}  // namespace
}  // namespace rr::ports
