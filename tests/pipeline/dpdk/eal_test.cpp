// EAL bring-up and shutdown on net_null and net_ring vdevs without hugepages, and the errors
// a misconfigured daemon gets back as values.
#include <gtest/gtest.h>
#include <rte_eal.h>
#include <rte_ethdev.h>

#include <optional>

#include "relay/dpdk/mempool.hpp"
#include "relay/dpdk/port.hpp"
#include "relay/dpdk/ring_port.hpp"
#include "tests/pipeline/dpdk/test_eal.hpp"

namespace rr::dpdk {
namespace {

using test::start_eal;

TEST(DpdkEal, NetNullBringUpAndShutdown) {
  auto env = test::start_with_pool("null_pool", 1023, 32, {"--vdev=net_null0"});
  RR_ASSERT_OK(env);
  const Eal& eal = env->eal;
  Mempool& pool = env->pool;
  EXPECT_FALSE(eal.hugepages());
  EXPECT_EQ(rte_eal_has_hugepages(), 0);
  EXPECT_EQ(eal.warning(), "");  // --no-huge was asked for, nothing to warn about
  EXPECT_TRUE(has_option(eal.argv(), "--no-shconf"));  // no runtime files to collide on
  {
    auto port = Port::open({.device = "net_null0"}, pool.get());
    RR_ASSERT_OK(port);
    EXPECT_EQ(port->name(), "net_null0");
    EXPECT_TRUE(port->link().up);
    // net_null fabricates frames from the RX pool and drops what it transmits: a burst must
    // come back and, once sent, all its mbufs must be back in the pool.
    rte_mbuf* burst[32];
    const uint16_t received = rte_eth_rx_burst(port->id(), 0, burst, 32);
    EXPECT_EQ(received, 32);
    const uint16_t sent = rte_eth_tx_burst(port->id(), 0, burst, received);
    rte_pktmbuf_free_bulk(burst + sent, received - sent);
    EXPECT_EQ(pool.free_count(), pool.size());
  }
}

TEST(DpdkEal, NetRingBringUpAndShutdown) {
  auto env = test::start_with_pool("ring_pool", 1023, 32);
  RR_ASSERT_OK(env);
  Mempool& pool = env->pool;
  auto created = RingPort::create("bringup", pool);
  RR_ASSERT_OK(created);
  std::optional<RingPort> ring(std::move(created.value()));
  EXPECT_EQ(ring->port().name(), "net_ring_bringup");
  EXPECT_TRUE(find_port("net_ring_bringup").ok());
  ring.reset();  // ~RingPort: port closed, vdev removed
  EXPECT_FALSE(find_port("net_ring_bringup").ok());
  auto again = RingPort::create("bringup", pool);  // names are free again
  EXPECT_TRUE(again.ok()) << again.error().message;
}

TEST(DpdkEal, SecondInitIsAnError) {
  auto eal = start_eal();
  RR_ASSERT_OK(eal);
  auto second = start_eal();
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, Errc::eal);
  EXPECT_EQ(second.error().message, "EAL: already initialised in this process");
}

TEST(DpdkEal, BadArgumentIsAnErrorValue) {
  auto eal = start_eal({"--no-such-eal-option"});
  ASSERT_FALSE(eal.ok());
  EXPECT_EQ(eal.error().code, Errc::eal);
  EXPECT_EQ(eal.error().message.rfind("EAL: cannot initialise: ", 0), 0u) << eal.error().message;
}

TEST(DpdkEal, LeftoverWordIsNotAnEalArgument) {
  // A profile line "-a 0000:03:00.0 extra" leaves "extra" unparsed; init must say so.
  auto eal = start_eal({"stray-word"});
  EXPECT_TRUE(test::fails_with(eal, Errc::eal, "EAL: not an EAL argument: 'stray-word'"));
}

}  // namespace
}  // namespace rr::dpdk
