// E-model figures computed by hand from the formulas quoted in relay/stats/mos.cpp.
#include <gtest/gtest.h>

#include <string>

#include "relay/stats/mos.hpp"

namespace rr::stats {
namespace {

struct MosCase {
  std::string name;
  QualityInput input;
  double r;
  double mos;
};

class MosCaseTest : public testing::TestWithParam<MosCase> {};

TEST_P(MosCaseTest, MatchesHandComputation) {
  const MosCase& c = GetParam();
  EXPECT_NEAR(r_factor(c.input), c.r, 0.01);
  EXPECT_NEAR(mos(c.input), c.mos, 0.005);
}

const MosCase kCases[] = {
    // d = 10 ms: Id = 0.24, R = 92.96.
    {"perfect", {0, 0, 0, kG711}, 92.96, 4.405},
    // Ie_eff = 95 * 1 / (1 + 4.3) = 17.92.
    {"one_percent_loss", {1, 0, 0, kG711}, 75.04, 3.823},
    // With concealment: Ie_eff = 95 * 1 / (1 + 25.1) = 3.64.
    {"one_percent_loss_plc", {1, 0, 0, kG711Plc}, 89.32, 4.322},
    // d = 210 ms: Id = 5.04 + 0.11 * 32.7 = 8.637.
    {"jitter_100ms", {0, 100, 0, kG711}, 84.56, 4.184},
    // Ie_eff = 95 * 10 / 14.3 = 66.43: bad call.
    {"ten_percent_loss", {10, 0, 0, kG711}, 26.53, 1.472},
    // Everything lost: Ie_eff = 9500 / 104.3 = 91.08, R = 1.88, MOS clamps at 1.
    {"all_lost", {100, 0, 0, kG711}, 1.88, 1.0},
};

INSTANTIATE_TEST_SUITE_P(EModel, MosCaseTest, testing::ValuesIn(kCases),
                         [](const auto& param_info) { return param_info.param.name; });

TEST(Mos, HeavyLossIsBelowThree) {
  EXPECT_LT(mos({5, 20, 0, kG711}), 3.0);
  EXPECT_GT(mos({0, 0, 0, kG711}), 4.4);
}

TEST(Mos, RMappingIsBoundedAndMonotonic) {
  EXPECT_DOUBLE_EQ(mos_from_r(-5), 1.0);
  EXPECT_DOUBLE_EQ(mos_from_r(0), 1.0);
  EXPECT_DOUBLE_EQ(mos_from_r(100), 4.5);
  EXPECT_DOUBLE_EQ(mos_from_r(150), 4.5);
  double previous = 0;
  for (int r = 0; r <= 100; ++r) {
    const double m = mos_from_r(r);
    EXPECT_GE(m, previous) << "R " << r;
    previous = m;
  }
}

}  // namespace
}  // namespace rr::stats
