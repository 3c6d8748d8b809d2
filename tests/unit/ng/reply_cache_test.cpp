#include <gtest/gtest.h>

#include "control/ng/reply_cache.hpp"

namespace rr::ng {
namespace {

using namespace std::chrono_literals;

const Endpoint kProxy{IpAddress::v4(10, 0, 0, 1), 5060};
const Endpoint kOtherPort{IpAddress::v4(10, 0, 0, 1), 5061};

TEST(ReplyCache, KeysOnPeerAndCookieUntilTtl) {
  ReplyCache cache({60s, 1 << 20});
  ReplyCache::Clock::time_point t0{};
  cache.insert(kProxy, "c1", "c1 reply", t0);
  ASSERT_NE(cache.find(kProxy, "c1", t0 + 59s), nullptr);
  EXPECT_EQ(*cache.find(kProxy, "c1", t0 + 59s), "c1 reply");
  EXPECT_EQ(cache.find(kOtherPort, "c1", t0), nullptr);
  EXPECT_EQ(cache.find({IpAddress::v4(10, 0, 0, 2), 5060}, "c1", t0), nullptr);
  Endpoint v6 = kProxy;  // the same bytes as another family are another peer
  v6.address.family = Family::v6;
  EXPECT_EQ(cache.find(v6, "c1", t0), nullptr);
  EXPECT_EQ(cache.find(kProxy, "c2", t0), nullptr);
  EXPECT_EQ(cache.find(kProxy, "c1", t0 + 60s), nullptr);
  EXPECT_EQ(cache.size(), 0u);
}

// What one short reply costs against max_bytes.
size_t entry_cost() { return std::string("A").capacity() + ReplyCache::kEntryOverhead; }

TEST(ReplyCache, EvictsOldestBeyondMaxBytesAndCountsIt) {
  ReplyCache cache({60s, 2 * entry_cost()});
  ReplyCache::Clock::time_point t0{};
  cache.insert(kProxy, "a", "A", t0);
  cache.insert(kProxy, "b", "B", t0 + 1s);
  EXPECT_EQ(cache.bytes(), 2 * entry_cost());
  EXPECT_EQ(cache.evicted_early(), 0u);
  cache.insert(kProxy, "c", "C", t0 + 2s);
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(cache.evicted_early(), 1u);  // "a" went 58 s before its time
  EXPECT_EQ(cache.find(kProxy, "a", t0 + 2s), nullptr);
  EXPECT_NE(cache.find(kProxy, "b", t0 + 2s), nullptr);
  EXPECT_NE(cache.find(kProxy, "c", t0 + 2s), nullptr);
}

TEST(ReplyCache, NewestReplyStaysEvenAloneOverTheBound) {
  ReplyCache cache({60s, 1});
  ReplyCache::Clock::time_point t0{};
  cache.insert(kProxy, "a", "A", t0);
  const ReplyCache::Text& kept = cache.insert(kProxy, "b", std::string(2000, 'B'), t0);
  EXPECT_EQ(std::string_view(kept), std::string(2000, 'B'));
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_NE(cache.find(kProxy, "b", t0), nullptr);
}

TEST(ReplyCache, ExpiryByAgeIsNotCountedAsEarlyAndFreesTheBytes) {
  ReplyCache cache({60s, 1 << 20});
  ReplyCache::Clock::time_point t0{};
  for (int i = 0; i < 100; ++i) cache.insert(kProxy, std::to_string(i), "reply", t0);
  EXPECT_EQ(cache.bytes(), 100 * entry_cost());
  EXPECT_EQ(cache.find(kProxy, "x", t0 + 60s), nullptr);
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.bytes(), 0u);
  EXPECT_EQ(cache.evicted_early(), 0u);
}

TEST(ReplyCache, InsertReturnsTheKeptReply) {
  ReplyCache cache({60s, 1 << 20});
  ReplyCache::Clock::time_point t0{};
  const ReplyCache::Text& kept = cache.insert(kProxy, "a", "the reply", t0);
  EXPECT_EQ(&kept, cache.find(kProxy, "a", t0));
}

TEST(ReplyCache, ReinsertedKeyLivesFromItsNewTime) {
  ReplyCache cache({10s, 1 << 20});
  ReplyCache::Clock::time_point t0{};
  cache.insert(kProxy, "a", "old", t0);
  cache.insert(kProxy, "a", "new", t0 + 5s);
  ASSERT_NE(cache.find(kProxy, "a", t0 + 12s), nullptr);  // the first entry's expiry spares it
  EXPECT_EQ(*cache.find(kProxy, "a", t0 + 12s), "new");
  EXPECT_EQ(cache.find(kProxy, "a", t0 + 15s), nullptr);
  EXPECT_EQ(cache.bytes(), 0u);  // the replaced reply was not counted twice
}

}  // namespace
}  // namespace rr::ng
