// Requests between workers: worker N > 0 asks, worker 0 answers and writes the table.
#include <gtest/gtest.h>

#include <thread>
#include <utility>
#include <vector>

#include "relay/worker/neighbour_service.hpp"
#include "tests/support/packet_builder.hpp"

namespace rr::worker {
namespace {

using rr::test::ip;
using rr::test::mac;

constexpr uint32_t kMaxAge = 10'000;
constexpr uint32_t kRetry = 100;
const packet::MacAddress kMac = mac("02:00:00:00:00:0a");
using Solicited = std::vector<std::pair<uint16_t, IpAddress>>;

Solicited serve(Neighbours& worker0, uint64_t now_ms) {
  Solicited solicited;
  worker0.serve(now_ms, [&](uint16_t port_id, const IpAddress& hop) { solicited.emplace_back(port_id, hop); });
  return solicited;
}

class Service : public ::testing::Test {
 protected:
  NeighbourService service_{3, kMaxAge, kRetry};
  Neighbours worker0_{service_, 0};
  Neighbours worker1_{service_, 1};
  Neighbours worker2_{service_, 2};
};

TEST_F(Service, OnlyWorker0SolicitsItself) {
  EXPECT_TRUE(worker0_.writer());
  EXPECT_TRUE(worker0_.should_solicit(3, ip("192.0.2.9"), 0));
  EXPECT_FALSE(worker0_.should_solicit(3, ip("192.0.2.9"), 1)) << "rate-limited";
  EXPECT_FALSE(worker1_.writer());
  EXPECT_FALSE(worker1_.should_solicit(3, ip("192.0.2.10"), 0));
  EXPECT_EQ(serve(worker0_, 0), (Solicited{{3, ip("192.0.2.10")}}));
}

TEST_F(Service, ResolveRequestsAreRateLimitedPerWorkerAndNextHop) {
  for (uint64_t ms = 0; ms < kRetry; ms += 10) {
    worker1_.should_solicit(0, ip("192.0.2.9"), ms);
    worker2_.should_solicit(1, ip("2001:db8::9"), ms);
  }
  EXPECT_EQ(serve(worker0_, kRetry), (Solicited{{0, ip("192.0.2.9")}, {1, ip("2001:db8::9")}}));
  worker1_.should_solicit(0, ip("192.0.2.9"), kRetry);
  EXPECT_EQ(serve(worker0_, kRetry).size(), 1U) << "asked again after the retry interval";
}

TEST_F(Service, WhatAnotherWorkerLearnsReachesEveryReaderThroughWorker0) {
  worker2_.learn(ip("192.0.2.7"), kMac, 50);
  EXPECT_FALSE(worker1_.find(ip("192.0.2.7"), 50)) << "not before worker 0 served it";
  EXPECT_TRUE(serve(worker0_, 50).empty()) << "learned requests are applied, not solicited";
  EXPECT_EQ(worker1_.find(ip("192.0.2.7"), 50), kMac);
  EXPECT_EQ(worker2_.find(ip("192.0.2.7"), 50), kMac);
}

TEST_F(Service, AKnownMappingIsNotSentAgain) {
  worker0_.learn(ip("192.0.2.7"), kMac, 0);
  for (uint64_t ms = 0; ms < kMaxAge / 2; ms += 100) worker1_.learn(ip("192.0.2.7"), kMac, ms);
  NeighbourRequest request;
  EXPECT_FALSE(service_.outbox(1).pop(request)) << "fresh and unchanged: nothing to tell worker 0";
  worker1_.learn(ip("192.0.2.7"), kMac, kMaxAge / 2);
  EXPECT_TRUE(service_.outbox(1).pop(request)) << "half the max age: refresh it";
}

// learn() returns at once on a repeat of its last call within the same millisecond; a new
// MAC, a new address or a later millisecond must still reach the table.
TEST_F(Service, OnlyAnExactRepeatWithinTheMillisecondIsSkipped) {
  const packet::MacAddress other = mac("02:00:00:00:00:0b");
  const IpAddress peer = ip("192.0.2.7");
  worker0_.learn(peer, kMac, 100);
  worker0_.learn(peer, kMac, 100);
  EXPECT_EQ(worker0_.find(peer, 100), kMac);
  worker0_.learn(peer, other, 100);
  EXPECT_EQ(worker0_.find(peer, 100), other) << "the peer moved to another MAC in the same millisecond";
  worker0_.learn(ip("192.0.2.8"), other, 100);
  EXPECT_EQ(worker0_.find(ip("192.0.2.8"), 100), other);
  worker0_.learn(peer, kMac, 100);
  EXPECT_EQ(worker0_.find(peer, 100), kMac) << "and back: not the last call, so not skipped";
}

TEST_F(Service, AFullRingDropsRequestsWithoutBlocking) {
  const size_t asked = NeighbourService::kRingSize + 10;
  for (size_t i = 0; i < asked; ++i)
    worker1_.should_solicit(0, IpAddress::v4(10, 0, static_cast<uint8_t>(i >> 8), static_cast<uint8_t>(i)), 0);
  EXPECT_EQ(serve(worker0_, 0).size(), NeighbourService::kRingSize);
}

TEST(SpscRing, KeepsOrderAcrossThreads) {
  SpscRing<uint64_t, 8> ring;
  constexpr uint64_t kCount = 100'000;
  std::thread producer([&] {
    for (uint64_t i = 0; i < kCount;)
      if (ring.push(i)) ++i;
  });
  uint64_t expected = 0, value = 0;
  size_t out_of_order = 0;
  while (expected < kCount)
    if (ring.pop(value)) out_of_order += value != expected++;
  producer.join();
  EXPECT_EQ(out_of_order, 0U);
  EXPECT_FALSE(ring.pop(value));
}

TEST(SpscRing, FullAndEmpty) {
  SpscRing<int, 2> ring;
  int value = 0;
  EXPECT_FALSE(ring.pop(value));
  EXPECT_TRUE(ring.push(1));
  EXPECT_TRUE(ring.push(2));
  EXPECT_FALSE(ring.push(3));
  ASSERT_TRUE(ring.pop(value));
  EXPECT_EQ(value, 1);
  EXPECT_TRUE(ring.push(3));
}

}  // namespace
}  // namespace rr::worker
