// Index estimation and replay windows, table-driven: RFC 3711 Appendix A's guesses across the
// sequence-number wrap, and the window edges (64 for SRTP, libsrtp's 128-index SRTCP window).
#include <gtest/gtest.h>

#include <vector>

#include "relay/srtp/replay.hpp"

namespace rr::srtp {
namespace {

struct Arrival {
  uint16_t seq;
  uint64_t index;         // the expected guess (ROC << 16 | SEQ)
  ReplayVerdict verdict;  // the expected check; fresh packets are accepted
};

struct Row {
  const char* name;
  std::vector<Arrival> arrivals;
};

constexpr auto kFresh = ReplayVerdict::fresh;
constexpr auto kReplayed = ReplayVerdict::replayed;
constexpr auto kOld = ReplayVerdict::too_old;

const Row kRows[] = {
    {"first packet sets the index", {{5000, 5000, kFresh}, {5001, 5001, kFresh}}},
    {"wrap moves to ROC 1", {{65534, 65534, kFresh}, {65535, 65535, kFresh}, {0, 65536, kFresh}, {1, 65537, kFresh}}},
    {"late packet from before the wrap keeps ROC 0",
     {{65535, 65535, kFresh}, {0, 65536, kFresh}, {65534, 65534, kFresh}, {65535, 65535, kReplayed}}},
    {"no ROC -1 while the index is low", {{10, 10, kFresh}, {65530, 65530, kFresh}}},
    {"ROC + 1 when far behind a high local seq", {{40000, 40000, kFresh}, {2, 65538, kFresh}}},
    {"ROC - 1 when far ahead of a low local seq (then too old)",
     {{65535, 65535, kFresh}, {10, 65546, kFresh}, {60000, 60000, kOld}}},
    {"window edge: 63 behind is checked, 64 is too old",
     {{1000, 1000, kFresh}, {1064, 1064, kFresh}, {1001, 1001, kFresh}, {1000, 1000, kOld}, {1001, 1001, kReplayed}}},
    {"duplicate of the highest", {{7, 7, kFresh}, {7, 7, kReplayed}}},
};

TEST(RtpReplay, EstimatesAndDecisions) {
  for (const Row& row : kRows) {
    SCOPED_TRACE(row.name);
    RtpReplay replay;
    for (const Arrival& a : row.arrivals) {
      const RtpReplay::Guess guess = replay.estimate(a.seq);
      EXPECT_EQ(guess.index, a.index) << "seq " << a.seq;
      EXPECT_EQ(guess.roc(), a.index >> 16);
      const ReplayVerdict verdict = replay.check(guess.delta);
      EXPECT_EQ(verdict, a.verdict) << "seq " << a.seq;
      if (verdict == ReplayVerdict::fresh) replay.accept(guess.delta);
    }
  }
}

TEST(SrtcpReplay, WindowOfIndices) {
  struct Step {
    uint32_t index;
    ReplayVerdict verdict;
  };
  const Step steps[] = {{1, kFresh}, {1, kReplayed}, {100, kFresh}, {2, kFresh},  // [0,127] still
                        {300, kFresh}, {172, kOld}, {173, kFresh}, {173, kReplayed}, {299, kFresh}};
  SrtcpReplay replay;
  for (const Step& s : steps) {
    EXPECT_EQ(replay.check(s.index), s.verdict) << s.index;
    if (s.verdict == kFresh) replay.accept(s.index);
  }
}

TEST(SrtcpCounter, CountsFromOneAndStopsAtTheLimit) {
  SrtcpCounter counter;
  uint32_t index = 0;
  ASSERT_TRUE(counter.next(index));
  EXPECT_EQ(index, 1U);
  ASSERT_TRUE(counter.next(index));
  EXPECT_EQ(index, 2U);
}

}  // namespace
}  // namespace rr::srtp
