// Mempool accounting through RingPort round trips: every mbuf taken for a frame comes back,
// whether the frame was received and sent, or left in a ring when the port was destroyed.
#include <gtest/gtest.h>
#include <rte_ethdev.h>

#include <optional>

#include "relay/dpdk/mbuf.hpp"
#include "relay/dpdk/mempool.hpp"
#include "relay/dpdk/ring_port.hpp"
#include "tests/pipeline/dpdk/test_eal.hpp"

namespace rr::dpdk {
namespace {

using test::start_eal;

std::vector<Frame> frames(unsigned count, unsigned round) {
  std::vector<Frame> out;
  for (unsigned i = 0; i < count; ++i) {
    Frame frame(60 + (i * 37) % 1400);  // 60..1459 bytes, all within one segment
    for (size_t b = 0; b < frame.size(); ++b) frame[b] = static_cast<uint8_t>(b + i + round);
    out.push_back(std::move(frame));
  }
  return out;
}

TEST(DpdkMempool, FreeCountEqualsSizeAfterRoundTrips) {
  const unsigned size = mempool_size({.rx_descriptors = 256, .tx_descriptors = 256, .cache = 32});
  auto env = test::start_with_pool("roundtrip_pool", size, 32);
  RR_ASSERT_OK(env);
  Mempool& pool = env->pool;
  EXPECT_EQ(pool.size(), size);
  EXPECT_EQ(pool.free_count(), size);
  auto ring = RingPort::create("roundtrip", pool, 1, 256);
  RR_ASSERT_OK(ring);

  for (unsigned round = 0; round < 10; ++round) {
    const std::vector<Frame> sent = frames(100, round);
    ASSERT_TRUE(ring->inject(sent).ok());
    EXPECT_EQ(pool.free_count(), size - sent.size());
    // Forward everything in bursts of 32, as a worker would.
    for (uint16_t received = 1; received != 0;) {
      rte_mbuf* burst[32];
      received = rte_eth_rx_burst(ring->id(), 0, burst, 32);
      ASSERT_EQ(rte_eth_tx_burst(ring->id(), 0, burst, received), received);
    }
    EXPECT_EQ(ring->collect(), sent) << "round " << round;
    EXPECT_EQ(pool.free_count(), size) << "round " << round;
  }
}

TEST(DpdkMempool, UnreceivedFramesAreFreedWithTheRingPort) {
  auto env = test::start_with_pool("unreceived_pool", 511, 32);
  RR_ASSERT_OK(env);
  Mempool& pool = env->pool;
  {
    auto ring = RingPort::create("unreceived", pool);
    RR_ASSERT_OK(ring);
    ASSERT_TRUE(ring->inject(frames(50, 0)).ok());
    EXPECT_EQ(pool.free_count(), 511u - 50u);
  }
  EXPECT_EQ(pool.free_count(), 511u);
}

TEST(DpdkMempool, FailedInjectHoldsNoMbuf) {
  auto env = test::start_with_pool("failed_pool", 255, 0);
  RR_ASSERT_OK(env);
  Mempool& pool = env->pool;
  auto ring = RingPort::create("failed", pool, 1, 64);
  RR_ASSERT_OK(ring);
  struct Row {
    const char* description;
    std::vector<Frame> frames;
  };
  const Row rows[] = {
      {"frame larger than one segment", {Frame(60), Frame(9000)}},
      {"more frames than the ring holds", frames(64, 0)},  // a 64-slot ring holds 63
      {"more frames than the pool holds", frames(300, 0)},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.description);
    EXPECT_FALSE(ring->inject(row.frames).ok());
    EXPECT_EQ(pool.free_count(), 255u);
    EXPECT_TRUE(ring->collect().empty());
  }
}

TEST(DpdkMempool, CreateRejectsACacheTooLargeForThePool) {
  auto eal = start_eal();
  RR_ASSERT_OK(eal);
  EXPECT_TRUE(test::fails_with(Mempool::create("cache_pool", 100, 256), Errc::mempool,
                               "cache 256 too large for 100 mbufs"));
}

TEST(DpdkMbuf, CopiesBytesInAndOut) {
  auto env = test::start_with_pool("mbuf_pool", 63, 0);
  RR_ASSERT_OK(env);
  Mempool& pool = env->pool;
  for (const Frame& frame : {Frame{}, Frame{1, 2, 3}, Frame(2048, 7)}) {
    SCOPED_TRACE(frame.size());
    auto mbuf = make_mbuf(pool.get(), frame);
    RR_ASSERT_OK(mbuf);
    EXPECT_EQ(mbuf_bytes(*mbuf.value()), frame);
  }
  EXPECT_EQ(pool.free_count(), 63u);
}

TEST(DpdkMbuf, ReadsEverySegmentOfAChain) {
  auto env = test::start_with_pool("chain_pool", 63, 0);
  RR_ASSERT_OK(env);
  Mempool& pool = env->pool;
  auto head = make_mbuf(pool.get(), Frame{1, 2, 3});
  auto tail = make_mbuf(pool.get(), Frame{4, 5});
  RR_ASSERT_OK(head);
  RR_ASSERT_OK(tail);
  ASSERT_EQ(rte_pktmbuf_chain(head.value().get(), tail.value().release()), 0);
  EXPECT_EQ(mbuf_bytes(*head.value()), (Frame{1, 2, 3, 4, 5}));
  head.value().reset();  // frees both segments
  EXPECT_EQ(pool.free_count(), 63u);
}

}  // namespace
}  // namespace rr::dpdk
