// Data-plane families read from worker counters and the mempool callback at scrape time.
#include "control/metrics/relay_collector.hpp"

#include <gtest/gtest.h>

#include <string>

#include "tests/unit/metrics/scrape.hpp"

namespace rr::metrics {
namespace {

using packet::DropReason;
using testing_support::expect_samples;
using testing_support::ExpectedSample;
using testing_support::scrape;
using worker::Counter;

struct RelayFixture {
  worker::WorkerCounters w0, w1;
  unsigned free_mbufs = 1000;
  RelayCollector collector{{&w0, &w1}, {[this] { return free_mbufs; }, 4096}};
};

TEST(RelayCollector, SumsAndSplitsWorkerCounters) {
  RelayFixture f;
  f.w0.add(Counter::rtp_packets, 10);
  f.w1.add(Counter::rtp_packets, 5);
  f.w1.add(Counter::rtcp_packets, 2);
  f.w0.add(Counter::busy_polls, 3);
  f.w1.add(Counter::idle_polls, 9);

  const ExpectedSample rows[] = {
      {R"(rtp_relay_relayed_packets_total{kind="rtp"})", 15},
      {R"(rtp_relay_relayed_packets_total{kind="rtcp"})", 2},
      {R"(rtp_relay_worker_rtp_packets_total{worker="0"})", 10},
      {R"(rtp_relay_worker_rtp_packets_total{worker="1"})", 5},
      {R"(rtp_relay_worker_busy_polls_total{worker="0"})", 3},
      {R"(rtp_relay_worker_idle_polls_total{worker="1"})", 9},
      {R"(rtp_relay_worker_idle_polls_total{worker="0"})", 0},
      {"rtp_relay_mempool_free_mbufs", 1000},
      {"rtp_relay_mempool_size_mbufs", 4096},
  };
  const auto samples = scrape(f.collector);
  expect_samples(samples, rows);
}

TEST(RelayCollector, EveryDropReasonIsASeriesEvenAtZero) {
  RelayFixture f;
  f.w0.drop(DropReason::unknown_destination, 4);
  f.w1.drop(DropReason::unknown_destination, 1);
  f.w1.drop(DropReason::srtp_auth_failed);
  const auto samples = scrape(f.collector);
  for (const auto& info : packet::kDropReasons) {
    SCOPED_TRACE(std::string(info.name));
    const std::string series =
        "rtp_relay_dropped_packets_total{reason=\"" + std::string(info.name) + "\"}";
    ASSERT_TRUE(samples.contains(series));
    const double expected = info.reason == DropReason::unknown_destination ? 5
                            : info.reason == DropReason::srtp_auth_failed  ? 1
                                                                           : 0;
    EXPECT_EQ(samples.at(series), expected);
  }
  EXPECT_EQ(samples.at(R"(rtp_relay_worker_dropped_packets_total{worker="0"})"), 4);
  EXPECT_EQ(samples.at(R"(rtp_relay_worker_dropped_packets_total{worker="1"})"), 2);
}

TEST(RelayCollector, ReadsTheMempoolAtEachScrape) {
  RelayFixture f;
  EXPECT_EQ(scrape(f.collector).at("rtp_relay_mempool_free_mbufs"), 1000);
  f.free_mbufs = 17;
  EXPECT_EQ(scrape(f.collector).at("rtp_relay_mempool_free_mbufs"), 17);
}

TEST(RelayCollector, PortCountersPerInterface) {
  worker::WorkerCounters w;
  std::vector<PortCounters> ports = {{.interface = "pub", .rx_packets = 100, .tx_packets = 90, .rx_missed = 7,
                                      .rx_no_mbuf = 2, .rx_errors = 1, .tx_errors = 3},
                                     {.interface = "priv", .rx_packets = 5}};
  RelayCollector collector({&w}, {}, [&] { return ports; });
  const ExpectedSample rows[] = {{R"(rtp_relay_port_received_packets_total{interface="pub"})", 100},
                  {R"(rtp_relay_port_transmitted_packets_total{interface="pub"})", 90},
                  {R"(rtp_relay_port_missed_packets_total{interface="pub"})", 7},
                  {R"(rtp_relay_port_mbuf_allocation_failures_total{interface="pub"})", 2},
                  {R"(rtp_relay_port_receive_errors_total{interface="pub"})", 1},
                  {R"(rtp_relay_port_transmit_errors_total{interface="pub"})", 3},
                  {R"(rtp_relay_port_received_packets_total{interface="priv"})", 5},
                  {R"(rtp_relay_port_missed_packets_total{interface="priv"})", 0}};
  expect_samples(scrape(collector), rows);
  ports[0].rx_missed = 9;  // read again at each scrape
  EXPECT_EQ(scrape(collector).at(R"(rtp_relay_port_missed_packets_total{interface="pub"})"), 9);
}

TEST(RelayCollector, NoMempoolCallbackNoMempoolFamilies) {
  worker::WorkerCounters w;
  RelayCollector collector({&w}, {});
  const auto samples = scrape(collector);
  EXPECT_FALSE(samples.contains("rtp_relay_mempool_free_mbufs"));
  EXPECT_TRUE(samples.contains(R"(rtp_relay_relayed_packets_total{kind="rtp"})"));
}

}  // namespace
}  // namespace rr::metrics
