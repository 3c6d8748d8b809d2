// Source learning: one row per packet sequence, each step's expected verdict.
#include "relay/table/learning.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rr::table {
namespace {

const Endpoint kA{IpAddress::v4(198, 51, 100, 7), 4000};
const Endpoint kNat{IpAddress::v4(203, 0, 113, 9), 61000};  // same phone behind NAT
const Endpoint kStranger{IpAddress::v4(192, 0, 2, 66), 5004};

struct Step {
  Endpoint source;
  uint64_t now_ms;
  uint32_t relearn = 0;
  SourceVerdict expected;
  Endpoint latched_after;
};

struct Row {
  std::string description;
  LearningConfig config;
  std::vector<Step> steps;
};

constexpr auto kAccept = SourceVerdict::accept;
constexpr auto kLatch = SourceVerdict::accept_latch;
constexpr auto kDrop = SourceVerdict::drop;

LearningConfig config(LearningPolicy policy, uint32_t packets, uint32_t ms, bool handover = false) {
  return {policy, {packets, ms}, handover};
}

const std::vector<Row> kRows = {
    {"symmetric: first packet latches, same source just accepted",
     config(LearningPolicy::symmetric, 5, 3000),
     {{kNat, 100, 0, kLatch, kNat}, {kNat, 120, 0, kAccept, kNat}}},
    {"symmetric: a newer source inside the window re-latches (NAT rebinding)",
     config(LearningPolicy::symmetric, 5, 3000),
     {{kA, 100, 0, kLatch, kA}, {kNat, 150, 0, kLatch, kNat}}},
    {"symmetric: after the packet window a stranger is forwarded but cannot move the latch",
     config(LearningPolicy::symmetric, 2, 3000),
     {{kNat, 100, 0, kLatch, kNat}, {kNat, 120, 0, kAccept, kNat}, {kStranger, 140, 0, kAccept, kNat}}},
    {"symmetric: after the time window a stranger cannot move the latch (RTP Bleed)",
     config(LearningPolicy::symmetric, 1000, 500),
     {{kNat, 100, 0, kLatch, kNat}, {kStranger, 600, 0, kAccept, kNat}}},
    {"symmetric: the window opens at the first packet, not at publish",
     config(LearningPolicy::symmetric, 1000, 500),
     {{kNat, 90000, 0, kLatch, kNat}, {kA, 90100, 0, kLatch, kA}}},
    {"strict: first sender owns the stream, a second sender inside the window is dropped",
     config(LearningPolicy::strict_source, 5, 3000),
     {{kNat, 100, 0, kLatch, kNat}, {kStranger, 110, 0, kDrop, kNat}, {kNat, 120, 0, kAccept, kNat}}},
    {"strict: after the window a stranger is dropped",
     config(LearningPolicy::strict_source, 1, 3000),
     {{kNat, 100, 0, kLatch, kNat}, {kStranger, 110, 0, kDrop, kNat}}},
    {"strict: control's relearn request re-opens the window for a new sender",
     config(LearningPolicy::strict_source, 1, 3000),
     {{kNat, 100, 0, kLatch, kNat}, {kA, 110, 0, kDrop, kNat}, {kA, 120, 1, kLatch, kA}}},
    {"symmetric: relearn after the window closed lets the moved phone latch again",
     config(LearningPolicy::symmetric, 1, 100),
     {{kA, 100, 0, kLatch, kA}, {kNat, 5000, 0, kAccept, kA}, {kNat, 5001, 7, kLatch, kNat}}},
    {"symmetric: a closed window stays closed, also for a clock that wrapped back (kWindowClosed)",
     config(LearningPolicy::symmetric, 1000, 500),
     {{kNat, 100, 0, kLatch, kNat}, {kStranger, 600, 0, kAccept, kNat}, {kStranger, 101, 0, kAccept, kNat}}},
    {"symmetric: a burst stamped before the window opened does not close it for good",
     config(LearningPolicy::symmetric, 5, 500),
     {{kNat, 100, 0, kLatch, kNat}, {kA, 99, 0, kAccept, kNat}, {kA, 110, 0, kLatch, kA}}},
    {"asymmetric: never latches, accepts everyone",
     config(LearningPolicy::asymmetric, 5, 3000),
     {{kNat, 100, 0, kAccept, Endpoint{}}, {kStranger, 110, 0, kAccept, Endpoint{}}}},
    {"media handover: any new source re-latches even long after the window",
     config(LearningPolicy::strict_source, 1, 100, true),
     {{kA, 100, 0, kLatch, kA}, {kNat, 90000, 0, kLatch, kNat}, {kA, 90001, 0, kLatch, kA}}},
};

TEST(Learning, TableDriven) {
  for (const Row& row : kRows) {
    LearningState state;
    for (size_t i = 0; i < row.steps.size(); ++i) {
      const Step& step = row.steps[i];
      SCOPED_TRACE(row.description + ", step " + std::to_string(i));
      EXPECT_EQ(learn(row.config, state, step.source, step.now_ms, step.relearn), step.expected);
      EXPECT_EQ(state.source, step.latched_after);
    }
  }
}

}  // namespace
}  // namespace rr::table
