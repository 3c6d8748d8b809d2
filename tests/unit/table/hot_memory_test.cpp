// hot_memory: the arena behind forwarding entries and stream states (relay/table/hot_memory).
#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "relay/table/forwarding_entry.hpp"
#include "relay/table/hot_memory.hpp"
#include "relay/table/stream_state.hpp"

namespace rr::table {
namespace {

using hot_memory::Arena;

bool aligned(const void* p, size_t alignment) { return reinterpret_cast<uintptr_t>(p) % alignment == 0; }

// The VmFlags of the mapping holding `p`, from /proc/self/smaps ("hg": MADV_HUGEPAGE).
std::string vm_flags_of(const void* p) {
  std::ifstream smaps("/proc/self/smaps");
  const auto at = reinterpret_cast<uintptr_t>(p);
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    uintptr_t from = 0, to = 0;
    char dash = 0;
    std::istringstream head(line);
    if (head >> std::hex >> from >> dash >> to && dash == '-') {
      inside = from <= at && at < to;
    } else if (inside && line.rfind("VmFlags:", 0) == 0) {
      return line;
    }
  }
  return {};
}

TEST(HotMemoryArena, BlocksAreDistinctAlignedAndCounted) {
  Arena arena;
  std::set<uintptr_t> seen;
  for (const size_t size : {1, 63, 64, 65, 448, 4096}) {
    void* block = arena.allocate(size, 64);
    ASSERT_NE(block, nullptr) << size;
    EXPECT_TRUE(aligned(block, 64)) << size;
    EXPECT_TRUE(seen.insert(reinterpret_cast<uintptr_t>(block)).second) << size;
  }
  // 64 + 64 + 64 + 128 + 448 + 4096 bytes in their classes.
  EXPECT_EQ(arena.usage().in_use_bytes, 64u + 64 + 64 + 128 + 448 + 4096);
  EXPECT_EQ(arena.usage().reserved_bytes, Arena::kRegionBytes);
}

TEST(HotMemoryArena, ReleasedBlocksServeTheirOwnSizeClassAgain) {
  Arena arena;
  void* a = arena.allocate(448, 64);
  void* b = arena.allocate(448, 64);
  arena.release(a, 448);
  EXPECT_EQ(arena.usage().in_use_bytes, 448u);
  EXPECT_NE(arena.allocate(200, 64), a);  // another class: a fresh block
  EXPECT_EQ(arena.allocate(420, 64), a);  // same class (385..448): the freed block
  arena.release(b, 448);
  EXPECT_EQ(arena.allocate(448, 64), b);
  // Several free blocks of one class: every one is handed out again before a fresh one.
  arena.release(a, 448);
  arena.release(b, 448);
  const std::set<void*> again = {arena.allocate(448, 64), arena.allocate(448, 64)};
  EXPECT_EQ(again, (std::set<void*>{a, b}));
  EXPECT_EQ(arena.usage().in_use_bytes, 2u * 448 + 256);
}

TEST(HotMemoryArena, WhatItDoesNotServeIsLeftToTheHeap) {
  Arena arena;
  EXPECT_EQ(arena.allocate(Arena::kMaxBlock + 1, 64), nullptr);
  EXPECT_EQ(arena.allocate(64, 128), nullptr);
  EXPECT_EQ(arena.allocate(0, 64), nullptr);
  EXPECT_EQ(arena.usage().reserved_bytes, 0u);
}

TEST(HotMemoryArena, GrowsByHugePageAlignedRegionsAdvisedHuge) {
  Arena arena;
  std::vector<void*> blocks;
  const size_t per_region = Arena::kRegionBytes / Arena::kMaxBlock - 1;  // the first line is bookkeeping
  for (size_t i = 0; i < per_region + 1; ++i) blocks.push_back(arena.allocate(Arena::kMaxBlock, 64));
  EXPECT_EQ(arena.usage().reserved_bytes, 2 * Arena::kRegionBytes);
  const auto base_of = [](void* p) { return reinterpret_cast<uintptr_t>(p) & ~((uintptr_t{2} << 20) - 1); };
  EXPECT_EQ(base_of(blocks.front()) + 64, reinterpret_cast<uintptr_t>(blocks.front()));  // 2 MiB aligned
  EXPECT_EQ(base_of(blocks.back()) + 64, reinterpret_cast<uintptr_t>(blocks.back()));   // the second region's first
  EXPECT_NE(vm_flags_of(blocks.front()).find(" hg"), std::string::npos) << vm_flags_of(blocks.front());
}

TEST(HugeArray, ValueInitialisedInAHugePageAlignedMappingAdvisedHuge) {
  struct Slot {
    uint64_t a;
    uint32_t b = 7;
  };
  HugeArray<Slot> slots(100'000);
  ASSERT_EQ(slots.size(), 100'000u);
  EXPECT_TRUE(aligned(&slots[0], size_t{2} << 20));
  EXPECT_EQ(slots[0].a, 0u);
  EXPECT_EQ(slots[99'999].a, 0u);
  EXPECT_EQ(slots[99'999].b, 7u);
  EXPECT_NE(vm_flags_of(&slots[50'000]).find(" hg"), std::string::npos) << vm_flags_of(&slots[50'000]);
  slots[42].a = 42;
  HugeArray<Slot> moved(std::move(slots));
  EXPECT_EQ(moved[42].a, 42u);
  EXPECT_EQ(slots.size(), 0u);
}

TEST(HotMemory, MakeHotSharedConstructsThereAndDestroysOnTheLastRelease) {
  struct Counted {
    explicit Counted(int& alive) : alive_(alive) { ++alive_; }
    ~Counted() { --alive_; }
    int& alive_;
    char payload[900] = {};
  };
  int alive = 0;
  const size_t before = hot_memory::usage().in_use_bytes;
  auto first = make_hot_shared<Counted>(alive);
  auto second = first;
  EXPECT_EQ(alive, 1);
  if (hot_memory::enabled()) {
    EXPECT_GE(hot_memory::usage().in_use_bytes - before, sizeof(Counted));
  }
  first.reset();
  EXPECT_EQ(alive, 1);
  second.reset();
  EXPECT_EQ(alive, 0);
  EXPECT_EQ(hot_memory::usage().in_use_bytes, before);
}

TEST(HotMemory, ReadsTheSelectedTransparentHugePageMode) {
  EXPECT_EQ(hot_memory::selected_mode("always [madvise] never\n"), "madvise");
  EXPECT_EQ(hot_memory::selected_mode("[always] madvise never"), "always");
  EXPECT_EQ(hot_memory::selected_mode("always madvise [never]"), "never");
  EXPECT_EQ(hot_memory::selected_mode(""), "");
  EXPECT_EQ(hot_memory::selected_mode("always [madvise never"), "");
  EXPECT_EQ(hot_memory::selected_mode("] ["), "");
}

TEST(HotMemory, EntriesAndStatesLiveInItUnlessAddressSanitizerOwnsTheHeap) {
  const size_t before = hot_memory::usage().in_use_bytes;
  auto state = make_hot_shared<StreamState>(Endpoint{}, stats::RtpClock(8000, 1'000'000));
  auto entry = std::make_unique<ForwardingEntry>();
  EXPECT_TRUE(aligned(state.get(), 64));
  EXPECT_TRUE(aligned(entry.get(), 64));
  const size_t held = hot_memory::usage().in_use_bytes - before;
  if (hot_memory::enabled()) {
    EXPECT_GE(held, sizeof(StreamState) + sizeof(ForwardingEntry));
    EXPECT_NE(vm_flags_of(state.get()).find(" hg"), std::string::npos);
  } else {
    EXPECT_EQ(held, 0u);  // the heap, where ASan watches them
  }
  state.reset();
  entry.reset();
  EXPECT_EQ(hot_memory::usage().in_use_bytes, before);
}

}  // namespace
}  // namespace rr::table
