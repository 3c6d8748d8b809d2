#include <gtest/gtest.h>

#include "control/ng/log_limiter.hpp"

namespace rr::ng {
namespace {

using namespace std::chrono_literals;

TEST(LogLimiter, AllowsABurstPerSourcePerSecond) {
  LogLimiter limiter(2);
  LogLimiter::Clock::time_point t0{};
  IpAddress a = IpAddress::v4(10, 0, 0, 1);
  IpAddress b = IpAddress::v4(10, 0, 0, 2);
  EXPECT_TRUE(limiter.allow(a, t0));
  EXPECT_TRUE(limiter.allow(a, t0 + 100ms));
  EXPECT_FALSE(limiter.allow(a, t0 + 200ms));
  EXPECT_TRUE(limiter.allow(b, t0 + 200ms));  // another source has its own budget
  EXPECT_FALSE(limiter.allow(a, t0 + 999ms));
  EXPECT_TRUE(limiter.allow(a, t0 + 1000ms));  // a new window
}

TEST(LogLimiter, ForgetsSourcesWhenFull) {
  LogLimiter limiter(1, 2);
  LogLimiter::Clock::time_point t0{};
  IpAddress a = IpAddress::v4(10, 0, 0, 1);
  EXPECT_TRUE(limiter.allow(a, t0));
  EXPECT_FALSE(limiter.allow(a, t0));
  EXPECT_TRUE(limiter.allow(IpAddress::v4(10, 0, 0, 2), t0));
  EXPECT_TRUE(limiter.allow(IpAddress::v4(10, 0, 0, 3), t0));  // table full: cleared
  EXPECT_TRUE(limiter.allow(a, t0));
}

}  // namespace
}  // namespace rr::ng
