// The real loop on its own lcore (run() / stop()) while the test thread plays control:
// media keeps flowing while entries are replaced, retired and reclaimed under QSBR.
#include <chrono>
#include <thread>

#include "relay/dpdk/lcore.hpp"
#include "tests/pipeline/worker/harness.hpp"

namespace rr::worker::test {
namespace {

TEST_F(WorkerPipeline, RunsOnAWorkerLcoreWhileControlRepublishes) {
  const auto lcores = dpdk::worker_lcores();
  ASSERT_FALSE(lcores.empty()) << "the EAL needs a second core for this test";
  start_worker();
  table_->qsbr().offline(0);  // run() goes online itself, on the worker lcore
  const MediaSpec spec;
  publish(spec);
  ASSERT_TRUE(dpdk::launch(lcores[0], *worker_).ok());

  // The phones announce themselves; wait until the running worker has seen all three.
  announce_phones(/*poll_here=*/false);
  for (int i = 0; i < 1000 && count(Counter::rx_packets) < 3; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  ASSERT_EQ(count(Counter::rx_packets), 3U);
  size_t relayed_frames = 0;
  for (uint16_t round = 0; round < 200; ++round) {
    inject_a(rtp_from(kPhoneMacA, kRelayMacA, spec.a_sdp, {kRelayA, 10000}, round).build());
    publish(spec);  // re-offer: replaces both entries, the old ones wait for a grace period
    table_->reclaim();
    relayed_frames += out_b().size();
  }
  // Drain: the worker empties its RX ring within a few loop iterations.
  for (int i = 0; i < 1000 && relayed_frames < 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    relayed_frames += out_b().size();
  }
  worker_->stop();
  EXPECT_EQ(dpdk::wait(lcores[0]), 0);
  table_->synchronize();
  EXPECT_EQ(table_->retired_pending(), 0U);
  EXPECT_EQ(relayed_frames, 200U);
  EXPECT_EQ(count(Counter::rtp_packets), 200U);
}

}  // namespace
}  // namespace rr::worker::test
