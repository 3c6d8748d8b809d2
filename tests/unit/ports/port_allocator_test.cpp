#include "control/ports/port_allocator.hpp"

#include <gtest/gtest.h>

namespace rr::ports {
namespace {

using namespace std::chrono_literals;

struct FakeClock {
  Clock::time_point now{};
  PortAllocator::Now fn() {
    return [this] { return now; };
  }
};

const IpAddress a1 = IpAddress::v4(192, 0, 2, 1);
const IpAddress a2 = IpAddress::v4(192, 0, 2, 2);

TEST(PortAllocator, MovesToNextAddressWhenFull) {
  FakeClock clock;
  PortAllocator ports({a1, a2}, RangeConfig{10000, 10003, 5s}, 0, clock.fn());
  struct Row {
    Need need;
    std::optional<Allocation> expected;
  };
  const Row rows[] = {
      {Need::pair, Allocation{a1, 10000, Need::pair}},
      {Need::pair, Allocation{a1, 10002, Need::pair}},
      {Need::single, Allocation{a2, 10000, Need::single}},
      {Need::pair, Allocation{a2, 10002, Need::pair}},
      {Need::single, Allocation{a2, 10001, Need::single}},
      {Need::single, std::nullopt},
  };
  for (size_t i = 0; i < std::size(rows); ++i) {
    auto got = ports.allocate(rows[i].need);
    ASSERT_EQ(got.has_value(), rows[i].expected.has_value()) << "#" << i;
    if (!got) continue;
    EXPECT_EQ(got->address, rows[i].expected->address) << "#" << i;
    EXPECT_EQ(got->rtp, rows[i].expected->rtp) << "#" << i;
    EXPECT_EQ(got->need, rows[i].expected->need) << "#" << i;
  }
  Counters c = ports.counters();
  EXPECT_EQ(c.used, 8u);
  EXPECT_EQ(c.free, 0u);
}

TEST(PortAllocator, RtcpPortFollowsNeed) {
  EXPECT_EQ((Allocation{a1, 10000, Need::pair}.rtcp()), 10001);
  EXPECT_EQ((Allocation{a1, 10000, Need::single}.rtcp()), 10000);
}

TEST(PortAllocator, ReleaseGoesToTheRightAddressAndQuarantines) {
  FakeClock clock;
  PortAllocator ports({a1, a2}, RangeConfig{10000, 10001, 5s}, 0, clock.fn());
  auto first = ports.allocate(Need::pair);
  auto second = ports.allocate(Need::pair);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(second->address, a2);
  ports.release(*second);
  EXPECT_EQ(ports.allocate(Need::pair), std::nullopt) << "a2's pair is quarantined";
  EXPECT_EQ(ports.counters().quarantined, 2u);
  clock.now += 5s;
  auto again = ports.allocate(Need::pair);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->address, a2);
  EXPECT_EQ(again->rtp, 10000);
  ports.release(Allocation{IpAddress::v4(10, 0, 0, 1), 10000, Need::pair});  // foreign address
  EXPECT_EQ(ports.counters().used, 4u);
}

TEST(PortAllocator, NoAddressesMeansExhausted) {
  PortAllocator ports({}, RangeConfig{}, 0);
  EXPECT_EQ(ports.allocate(Need::pair), std::nullopt);
}

}  // namespace
}  // namespace rr::ports
