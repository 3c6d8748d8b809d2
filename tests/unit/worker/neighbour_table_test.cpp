// The shared neighbour table: ageing, refresh, rate limit, families, eviction, and readers
// on another thread never seeing a torn entry.
#include <gtest/gtest.h>

#include <atomic>
#include <optional>
#include <thread>

#include "relay/worker/neighbour_table.hpp"
#include "tests/support/packet_builder.hpp"

namespace rr::worker {
namespace {

using rr::test::ip;
using rr::test::mac;

constexpr uint32_t kMaxAge = 1000;
constexpr uint32_t kRetry = 100;
const packet::MacAddress kMacA = mac("02:00:00:00:00:0a");
const packet::MacAddress kMacB = mac("02:00:00:00:00:0b");

struct AgeCase {
  const char* description;
  uint64_t learned_ms;
  uint64_t now_ms;
  bool found;
};

const AgeCase kAgeCases[] = {
    {"just learned", 5000, 5000, true},
    {"one ms before expiry", 5000, 5000 + kMaxAge - 1, true},
    {"at max age", 5000, 5000 + kMaxAge, false},
    {"long gone", 5000, 900'000, false},
    {"learned by a clock read later than ours", 5000, 4990, true},
};

class Ageing : public ::testing::TestWithParam<AgeCase> {};

TEST_P(Ageing, FindHonoursMaxAge) {
  const AgeCase& c = GetParam();
  NeighbourTable table(kMaxAge, kRetry);
  table.learn(ip("192.0.2.7"), kMacA, c.learned_ms);
  const auto found = table.find(ip("192.0.2.7"), c.now_ms);
  EXPECT_EQ(found.has_value(), c.found) << c.description;
  if (found) {
    EXPECT_EQ(*found, kMacA);
  }
}

INSTANTIATE_TEST_SUITE_P(Rows, Ageing, ::testing::ValuesIn(kAgeCases));

// The egress cache asks holds(stamp, now) instead of find(): the same age rule.
TEST_P(Ageing, AStampHoldsExactlyWhileFindWouldAnswer) {
  const AgeCase& c = GetParam();
  NeighbourTable table(kMaxAge, kRetry);
  table.learn(ip("192.0.2.7"), kMacA, c.learned_ms);
  packet::MacAddress found;
  NeighbourTable::Stamp stamp;
  ASSERT_TRUE(table.find(ip("192.0.2.7"), c.learned_ms, found, stamp));
  EXPECT_EQ(table.holds(stamp, c.now_ms), c.found) << c.description;
}

TEST(NeighbourTable, AStampStopsHoldingAtAnyStoreToItsNeighbourOnly) {
  NeighbourTable table(kMaxAge, kRetry);
  table.learn(ip("192.0.2.7"), kMacA, 0);
  packet::MacAddress found;
  NeighbourTable::Stamp stamp;
  ASSERT_TRUE(table.find(ip("192.0.2.7"), 0, found, stamp));
  table.learn(ip("192.0.2.8"), kMacB, 0);  // another neighbour
  EXPECT_TRUE(table.holds(stamp, 1));
  table.learn(ip("192.0.2.7"), kMacA, NeighbourTable::kRefreshMs);  // a refresh: same MAC, later
  EXPECT_FALSE(table.holds(stamp, NeighbourTable::kRefreshMs)) << "the cached learned time is stale";
  ASSERT_TRUE(table.find(ip("192.0.2.7"), NeighbourTable::kRefreshMs, found, stamp));
  table.learn(ip("192.0.2.7"), kMacB, NeighbourTable::kRefreshMs);  // a new MAC
  EXPECT_FALSE(table.holds(stamp, NeighbourTable::kRefreshMs));
}

struct SolicitCase {
  const char* description;
  uint64_t first_ms;
  uint64_t second_ms;
  bool second_allowed;
};

const SolicitCase kSolicitCases[] = {
    {"same ms", 100, 100, false},
    {"inside the retry interval", 100, 100 + kRetry - 1, false},
    {"after the retry interval", 100, 100 + kRetry, true},
    {"first solicitation at time 0 still rate-limits", 0, 1, false},
};

class SolicitRateLimit : public ::testing::TestWithParam<SolicitCase> {};

TEST_P(SolicitRateLimit, OnePerRetryInterval) {
  const SolicitCase& c = GetParam();
  NeighbourTable table(kMaxAge, kRetry);
  EXPECT_TRUE(table.should_solicit(ip("192.0.2.9"), c.first_ms));
  EXPECT_EQ(table.should_solicit(ip("192.0.2.9"), c.second_ms), c.second_allowed) << c.description;
  EXPECT_TRUE(table.should_solicit(ip("192.0.2.10"), c.first_ms)) << "per next hop";
}

INSTANTIATE_TEST_SUITE_P(Rows, SolicitRateLimit, ::testing::ValuesIn(kSolicitCases));

TEST(NeighbourTable, SolicitedButUnansweredIsNotFound) {
  NeighbourTable table(kMaxAge, kRetry);
  ASSERT_TRUE(table.should_solicit(ip("192.0.2.9"), 10));
  EXPECT_FALSE(table.find(ip("192.0.2.9"), 10));
  table.learn(ip("192.0.2.9"), kMacB, 20);
  EXPECT_EQ(table.find(ip("192.0.2.9"), 20), kMacB);
}

TEST(NeighbourTable, FamiliesWithTheSameBytesAreDifferentNeighbours) {
  NeighbourTable table(kMaxAge, kRetry);
  table.learn(ip("1.2.3.4"), kMacA, 0);
  EXPECT_FALSE(table.find(ip("102:304::"), 0)) << "IPv6 whose first bytes equal an IPv4 address";
  table.learn(ip("102:304::"), kMacB, 0);
  EXPECT_EQ(table.find(ip("1.2.3.4"), 0), kMacA);
  EXPECT_EQ(table.find(ip("102:304::"), 0), kMacB);
}

TEST(NeighbourTable, UnchangedRefreshWithinRefreshIntervalKeepsTheLearnedTime) {
  NeighbourTable table(kMaxAge, kRetry);
  table.learn(ip("192.0.2.7"), kMacA, 0);
  table.learn(ip("192.0.2.7"), kMacA, NeighbourTable::kRefreshMs - 1);  // skipped: no store
  EXPECT_FALSE(table.find(ip("192.0.2.7"), kMaxAge));
  table.learn(ip("192.0.2.7"), kMacA, NeighbourTable::kRefreshMs);  // not skipped
  EXPECT_TRUE(table.find(ip("192.0.2.7"), NeighbourTable::kRefreshMs + kMaxAge - 1));
}

TEST(NeighbourTable, ChangedMacIsAppliedAtOnce) {
  NeighbourTable table(kMaxAge, kRetry);
  table.learn(ip("192.0.2.7"), kMacA, 0);
  table.learn(ip("192.0.2.7"), kMacB, 1);
  EXPECT_EQ(table.find(ip("192.0.2.7"), 1), kMacB);
  EXPECT_TRUE(table.needs_refresh(ip("192.0.2.7"), kMacA, 1, NeighbourTable::kRefreshMs));
  EXPECT_FALSE(table.needs_refresh(ip("192.0.2.7"), kMacB, 1, NeighbourTable::kRefreshMs));
}

TEST(NeighbourTable, FullTableEvictsTheStalestNeverTheNewest) {
  NeighbourTable table(1'000'000, kRetry);
  const size_t learned = NeighbourTable::kCapacity * 4;
  for (uint64_t i = 0; i < learned; ++i)
    table.learn(IpAddress::v4(10, static_cast<uint8_t>(i >> 16), static_cast<uint8_t>(i >> 8),
                              static_cast<uint8_t>(i)), kMacA, i);
  size_t found = 0;
  for (uint64_t i = 0; i < learned; ++i)
    found += table.find(IpAddress::v4(10, static_cast<uint8_t>(i >> 16), static_cast<uint8_t>(i >> 8),
                                      static_cast<uint8_t>(i)), learned).has_value();
  EXPECT_LE(found, NeighbourTable::kCapacity);
  EXPECT_TRUE(table.find(IpAddress::v4(10, 0, 15, 255), learned)) << "the last one learned";
}

TEST(NeighbourTable, ConcurrentReaderNeverSeesATornOrMissingEntry) {
  NeighbourTable table(kMaxAge, kRetry);
  const IpAddress neighbour = ip("2001:db8::7");
  table.learn(neighbour, kMacA, 0);
  std::atomic<bool> done{false};
  std::thread writer([&] {
    for (uint64_t i = 1; i < 200'000; ++i) table.learn(neighbour, (i & 1) ? kMacB : kMacA, 0);
    done.store(true);
  });
  size_t bad = 0;
  while (!done.load()) {
    const auto found = table.find(neighbour, 0);
    bad += !found || (*found != kMacA && *found != kMacB);
  }
  writer.join();
  EXPECT_EQ(bad, 0U);
}

}  // namespace
}  // namespace rr::worker
