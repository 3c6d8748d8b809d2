// Two workers on two RX queues of the same ports, as with RSS: ARP replies and neighbour
// advertisements reach queue 0 only, so worker 0 owns the shared neighbour table and
// resolves next hops for worker 1. Both workers are driven from the test thread.
#include "tests/pipeline/worker/harness.hpp"

namespace rr::worker::test {
namespace {

const packet::MacAddress kZeroMac{};

class TwoWorkers : public WorkerPipeline {
 protected:
  TwoWorkers() { queues_ = 2; }

  void SetUp() override {
    WorkerPipeline::SetUp();
    if (HasFatalFailure()) return;
    service_ = std::make_unique<NeighbourService>(2, 300'000, 1000);
    WorkerConfig first = worker_config(0);
    first.neighbours = service_.get();
    WorkerConfig second = worker_config(1);
    second.neighbours = service_.get();
    worker_ = std::make_unique<Worker>(first);
    second_ = std::make_unique<Worker>(second);
    table_->qsbr().online(0);
    table_->qsbr().online(1);
  }

  void TearDown() override {
    if (second_) table_->qsbr().offline(1);
    second_.reset();
    WorkerPipeline::TearDown();
  }

  void poll_second() {
    for (int i = 0; i < 3; ++i) second_->poll_once();
  }
  Bytes arp_reply_from_phone_b() const {
    return FrameBuilder().eth(kPhoneMacB, kRelayMacB).arp(2, kPhoneMacB, kPhoneB, kRelayMacB, kRelayB).build();
  }

  std::unique_ptr<NeighbourService> service_;
  std::unique_ptr<Worker> second_;
};

TEST_F(TwoWorkers, PacketHeldByWorker1IsReleasedWhenWorker0LearnsTheNeighbour) {
  const MediaSpec spec;
  publish(spec);
  const FrameBuilder in = rtp_from(kPhoneMacA, kRelayMacA, spec.a_sdp, {kRelayA, 10000}, 1);
  inject_a(in.build(), 1);
  poll_second();
  EXPECT_EQ(second_->held_packets(), 1U);
  EXPECT_TRUE(out_b(1).empty()) << "worker 1 must not solicit: the reply would reach queue 0";
  EXPECT_EQ(second_->counters().get(Counter::arp_requests), 0U);

  poll();  // worker 0 serves worker 1's request
  auto out = out_b(0);
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0], FrameBuilder().eth(kRelayMacB, packet::MacAddress::broadcast())
                        .arp(1, kRelayMacB, kRelayB, kZeroMac, kPhoneB).build());
  EXPECT_EQ(count(Counter::arp_requests), 1U);

  inject_b(arp_reply_from_phone_b(), 0);  // RSS: the reply reaches queue 0 only
  poll();
  poll_second();
  out = out_b(1);
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0], relayed(kRelayMacB, kPhoneMacB, {kRelayB, 10002}, spec.b_sdp, in.udp_payload()));
  EXPECT_EQ(second_->held_packets(), 0U);
  EXPECT_EQ(second_->counters().dropped(DropReason::no_neighbour), 0U);
}

TEST_F(TwoWorkers, AHeldBurstOnWorker1CostsOneSolicitation) {
  const MediaSpec spec;
  publish(spec);
  for (uint16_t seq = 1; seq <= 5; ++seq)
    inject_a(rtp_from(kPhoneMacA, kRelayMacA, spec.a_sdp, {kRelayA, 10000}, seq).build(), 1);
  for (int round = 0; round < 4; ++round) {
    poll_second();
    poll();
  }
  EXPECT_EQ(second_->held_packets(), 5U);
  EXPECT_EQ(out_b(0).size(), 1U) << "one ARP request for five held packets";
  EXPECT_TRUE(out_b(1).empty());
}

TEST_F(TwoWorkers, WhatWorker1LearnsReachesTheSharedTable) {
  const MediaSpec spec;
  publish(spec);
  inject_b(arp_reply_from_phone_b(), 1);  // a reply that did land on queue 1
  poll_second();
  poll();  // worker 0 records worker 1's mapping
  const FrameBuilder in = rtp_from(kPhoneMacA, kRelayMacA, spec.a_sdp, {kRelayA, 10000}, 1);
  inject_a(in.build(), 0);
  poll();
  const auto out = out_b(0);
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0], relayed(kRelayMacB, kPhoneMacB, {kRelayB, 10002}, spec.b_sdp, in.udp_payload()));
  EXPECT_EQ(count(Counter::arp_requests), 0U);
}

}  // namespace
}  // namespace rr::worker::test
