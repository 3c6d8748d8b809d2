// Ports: queue configuration with 1 and 2 queues through a RingPort, hot-plugged vdevs, and
// the error a missing device gives the daemon.
#include <gtest/gtest.h>
#include <rte_ethdev.h>

#include "relay/dpdk/mempool.hpp"
#include "relay/dpdk/port.hpp"
#include "relay/dpdk/ring_port.hpp"
#include "tests/pipeline/dpdk/test_eal.hpp"

namespace rr::dpdk {
namespace {

using test::start_eal;

// A frame that names its queue, so a frame delivered on the wrong queue is caught.
Frame frame_for(uint16_t queue) {
  Frame frame(60, 0xab);
  frame[0] = static_cast<uint8_t>(queue);
  return frame;
}

TEST(DpdkPort, RingPortQueuesCarryTheirOwnFrames) {
  auto env = test::start_with_pool("queues_pool", 2047, 32);
  RR_ASSERT_OK(env);
  Mempool& pool = env->pool;
  for (uint16_t queues : {uint16_t{1}, uint16_t{2}}) {
    SCOPED_TRACE(std::to_string(queues) + " queues");
    auto ring = RingPort::create("q" + std::to_string(queues), pool, queues);
    RR_ASSERT_OK(ring);
    EXPECT_EQ(ring->port().queues(), queues);
    EXPECT_FALSE(ring->port().offloads().rss);  // net_ring offers no RSS: queues stay apart
    rte_eth_dev_info info{};
    ASSERT_EQ(rte_eth_dev_info_get(ring->id(), &info), 0);
    EXPECT_EQ(info.nb_rx_queues, queues);
    EXPECT_EQ(info.nb_tx_queues, queues);

    for (uint16_t q = 0; q < queues; ++q) ASSERT_TRUE(ring->inject(frame_for(q), q).ok());
    // What the worker does: receive on a queue, transmit on the same queue.
    for (uint16_t q = 0; q < queues; ++q) {
      rte_mbuf* burst[4];
      const uint16_t received = rte_eth_rx_burst(ring->id(), q, burst, 4);
      ASSERT_EQ(received, 1);
      ASSERT_EQ(rte_eth_tx_burst(ring->id(), q, burst, received), received);
    }
    for (uint16_t q = 0; q < queues; ++q) {
      EXPECT_EQ(ring->collect(q), std::vector<Frame>{frame_for(q)}) << "queue " << q;
    }
    EXPECT_TRUE(ring->collect(queues).empty());  // no such queue: nothing, no crash
    const PortStats stats = ring->port().stats();
    EXPECT_EQ(stats.rx_packets, queues);
    EXPECT_EQ(stats.tx_packets, queues);
    EXPECT_EQ(stats.rx_missed, 0u);
    EXPECT_FALSE(ring->inject(frame_for(0), queues).ok());
  }
  EXPECT_EQ(pool.free_count(), pool.size());
}

TEST(DpdkPort, NetNullTakesOneOrTwoQueuesButNotZero) {
  auto env = test::start_with_pool("null_queues_pool", 1023, 32, {"--vdev=net_null0"});
  RR_ASSERT_OK(env);
  Mempool& pool = env->pool;
  // A closed ethdev stays gone until its device is removed, so each row hot-plugs its own.
  for (uint16_t queues : {uint16_t{1}, uint16_t{2}}) {
    SCOPED_TRACE(std::to_string(queues) + " queues");
    const std::string device = "net_null" + std::to_string(queues);
    auto port = Port::open({.device = device, .queues = queues}, pool.get());
    RR_ASSERT_OK(port);
    EXPECT_EQ(port->queues(), queues);
    // net_null advertises RSS hash types; one queue needs no spreading.
    EXPECT_EQ(port->offloads().rss, queues > 1);
    EXPECT_FALSE(port->offloads().tx_udp_checksum);  // so the worker computes checksums
  }
  EXPECT_TRUE(test::fails_with(Port::open({.device = "net_null0", .queues = 0}, pool.get()),
                               Errc::port, "0 queues requested"));
}

TEST(DpdkPort, HotPlugsAVdevAndRemovesItOnClose) {
  auto env = test::start_with_pool("hotplug_pool", 1023, 32);
  RR_ASSERT_OK(env);
  Mempool& pool = env->pool;
  EXPECT_FALSE(find_port("net_null7").ok());
  {
    auto port = Port::open({.device = "net_null7,size=128", .mtu = 1400}, pool.get());
    RR_ASSERT_OK(port);
    EXPECT_EQ(port->name(), "net_null7");
    EXPECT_EQ(port->mtu(), 1400);
    EXPECT_EQ(find_port("net_null7").value(), port->id());
  }
  EXPECT_FALSE(find_port("net_null7").ok());
}

TEST(DpdkPort, MissingDeviceIsNoSuchPort) {
  auto env = test::start_with_pool("missing_pool", 1023, 32);
  RR_ASSERT_OK(env);
  Mempool& pool = env->pool;
  const char* devices[] = {"rr-nonexistent0", "net_bogus0,iface=x", "0000:99:00.0", "99:00.0", "eth0",
                           ""};
  for (const char* device : devices) {
    SCOPED_TRACE(device);
    auto found = find_port(device);
    ASSERT_FALSE(found.ok());
    EXPECT_EQ(found.error().message, "no such port '" + std::string(device) + "'");
    auto port = Port::open({.device = device}, pool.get());
    ASSERT_FALSE(port.ok());
    EXPECT_EQ(port.error().code, Errc::no_such_port);
    EXPECT_EQ(port.error().message.rfind("no such port '" + std::string(device) + "'", 0), 0u)
        << port.error().message;
  }
}

}  // namespace
}  // namespace rr::dpdk
