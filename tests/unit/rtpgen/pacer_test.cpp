#include "tools/rtpgen/pacer.hpp"

#include <gtest/gtest.h>

namespace rr::rtpgen {
namespace {

TEST(Pacer, DueCountsFollowTheRate) {
  // 1000 pps from t = 1 s: packet k is due at 1 s + k ms.
  struct Row {
    uint64_t now_ns, taken, max_burst, expected;
  };
  const Row rows[] = {
      {999'999'999, 0, 64, 0},     // before start
      {1'000'000'000, 0, 64, 1},   // packet 0 due at start
      {1'000'999'999, 0, 64, 1},
      {1'001'000'000, 0, 64, 2},
      {1'010'000'000, 0, 64, 11},
      {1'010'000'000, 11, 64, 0},  // all taken
      {1'010'000'000, 5, 64, 6},
      {2'000'000'000, 0, 64, 64},  // a late wake-up catches up in bursts
      {9'000'000'000, 0, 5000, 2000},  // capped by the limit of 2000 packets
  };
  for (const Row& row : rows) {
    Pacer pacer(1'000'000'000, 1000, 2000);
    pacer.take(row.taken);
    EXPECT_EQ(pacer.due(row.now_ns, row.max_burst), row.expected) << row.now_ns << " " << row.taken;
  }
}

TEST(Pacer, NextDueAndDone) {
  Pacer pacer(0, 50, 3);  // 20 ms apart
  EXPECT_EQ(pacer.next_due_ns(), 0u);
  pacer.take(1);
  EXPECT_EQ(pacer.next_due_ns(), 20'000'000u);
  EXPECT_FALSE(pacer.done());
  pacer.take(2);
  EXPECT_TRUE(pacer.done());
}

TEST(Pacer, FractionalRatesDoNotDrift) {
  Pacer pacer(0, 3, 0);  // 333.33 ms apart
  EXPECT_EQ(pacer.due_time(3), 1'000'000'000u);
  EXPECT_EQ(pacer.due_time(300), 100'000'000'000u);
}

TEST(Pacer, RoundRobinSlots) {
  struct Row {
    uint64_t packet;
    uint32_t streams, stream;
    uint64_t index;
  };
  const Row rows[] = {{0, 10, 0, 0}, {9, 10, 9, 0}, {10, 10, 0, 1}, {25, 10, 5, 2}, {7, 1, 0, 7}};
  for (const Row& row : rows) {
    Slot slot = slot_of(row.packet, row.streams);
    EXPECT_EQ(slot.stream, row.stream);
    EXPECT_EQ(slot.index_in_stream, row.index);
  }
}

}  // namespace
}  // namespace rr::rtpgen
