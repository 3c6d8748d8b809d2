// Next-hop resolution: unknown neighbours are solicited (rate-limited) while a bounded
// number of packets waits; off-link destinations go to the gateway.
#include "tests/pipeline/worker/harness.hpp"

namespace rr::worker::test {
namespace {

const packet::MacAddress kZeroMac{};

TEST_F(WorkerPipeline, UnresolvedNextHopIsSolicitedAndThePacketReleasedOnReply) {
  start_worker();
  const MediaSpec spec;
  publish(spec);
  const FrameBuilder in = rtp_from(kPhoneMacA, kRelayMacA, spec.a_sdp, {kRelayA, 10000}, 1);
  inject_a(in.build());
  inject_a(in.build());  // second packet: held too, but no second ARP request
  poll();
  auto out = out_b();
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0], FrameBuilder().eth(kRelayMacB, packet::MacAddress::broadcast())
                        .arp(1, kRelayMacB, kRelayB, kZeroMac, kPhoneB).build());
  EXPECT_EQ(worker_->held_packets(), 2U);

  inject_b(FrameBuilder().eth(kPhoneMacB, kRelayMacB).arp(2, kPhoneMacB, kPhoneB, kRelayMacB, kRelayB).build());
  poll();
  out = out_b();
  ASSERT_EQ(out.size(), 2U);
  const Bytes expected = relayed(kRelayMacB, kPhoneMacB, {kRelayB, 10002}, spec.b_sdp, in.udp_payload());
  EXPECT_EQ(out[0], expected);
  EXPECT_EQ(out[1], expected);
  EXPECT_EQ(worker_->held_packets(), 0U);
  EXPECT_EQ(count(Counter::arp_requests), 1U);
}

TEST_F(WorkerPipeline, OffLinkDestinationGoesThroughTheGateway) {
  start_worker();
  MediaSpec spec;
  spec.b_sdp = {ip("203.0.113.50"), 7000};  // not in 198.51.100.0/24
  publish(spec);
  inject_b(FrameBuilder().eth(kGatewayMacB, kRelayMacB).arp(2, kGatewayMacB, kGatewayB, kRelayMacB, kRelayB).build());
  poll();  // learn the gateway first: port a is polled before port b within one iteration
  const FrameBuilder in = rtp_from(kPhoneMacA, kRelayMacA, spec.a_sdp, {kRelayA, 10000}, 1);
  inject_a(in.build());
  poll();
  const auto out = out_b();
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0], relayed(kRelayMacB, kGatewayMacB, {kRelayB, 10002}, spec.b_sdp, in.udp_payload()));
}

// Media from an on-link peer teaches the relay its MAC, so media toward it needs no ARP. A
// burst remembers the sender it last learned from (forward.cpp: learn_sender): a second MAC
// for the same address within that burst, as a failover pair sharing one address sends, is
// still learned, and the newer MAC wins.
TEST_F(WorkerPipeline, MediaTeachesItsSendersMacAndAMovedMacWithinOneBurst) {
  start_worker();
  const MediaSpec spec;
  publish(spec);
  const packet::MacAddress moved = mac("02:00:00:00:0b:99");
  inject_b(rtp_from(kPhoneMacB, kRelayMacB, spec.b_sdp, {kRelayB, 10002}, 1).build());
  inject_b(rtp_from(kPhoneMacB, kRelayMacB, spec.b_sdp, {kRelayB, 10002}, 2).build());
  inject_b(rtp_from(moved, kRelayMacB, spec.b_sdp, {kRelayB, 10002}, 3).build());
  poll();  // one burst on port b: B's media, held on its way to phone A (not yet resolved)
  const FrameBuilder in = rtp_from(kPhoneMacA, kRelayMacA, spec.a_sdp, {kRelayA, 10000}, 1);
  inject_a(in.build());
  poll();
  const auto out = out_b();
  ASSERT_EQ(out.size(), 1U) << "no ARP request toward phone B";
  EXPECT_EQ(out[0], relayed(kRelayMacB, moved, {kRelayB, 10002}, spec.b_sdp, in.udp_payload()));
}

TEST_F(WorkerPipeline, IPv6NextHopIsSolicitedWithNeighbourSolicitation) {
  start_worker();
  MediaSpec spec;
  spec.relay_b = kRelayB6;
  spec.b_sdp = {kPhoneB6, 5000};
  publish(spec);
  inject_a(rtp_from(kPhoneMacA, kRelayMacA, spec.a_sdp, {kRelayA, 10000}, 1).build());
  poll();
  const auto out = out_b();
  ASSERT_EQ(out.size(), 1U);
  Bytes body = {0, 0, 0, 0};
  body.insert(body.end(), kPhoneB6.bytes.begin(), kPhoneB6.bytes.end());
  body.insert(body.end(), {1, 1});
  body.insert(body.end(), kRelayMacB.bytes.begin(), kRelayMacB.bytes.end());
  EXPECT_EQ(out[0], FrameBuilder().eth(kRelayMacB, mac("33:33:ff:00:00:20"))
                        .ipv6(kRelayB6, ip("ff02::1:ff00:20")).ttl(255).icmp(135, 0, body).build());
  EXPECT_EQ(count(Counter::nd_solicitations), 1U);
}

TEST_F(WorkerPipeline, HoldQueueIsBoundedAndNeverLeaks) {
  start_worker();
  const MediaSpec spec;
  publish(spec);
  const size_t sent = HoldQueue::kCapacity + 6;
  for (size_t i = 0; i < sent; ++i)
    inject_a(rtp_from(kPhoneMacA, kRelayMacA, spec.a_sdp, {kRelayA, 10000}, static_cast<uint16_t>(i)).build());
  for (int i = 0; i < 8; ++i) poll();
  EXPECT_EQ(worker_->held_packets(), HoldQueue::kCapacity);
  EXPECT_EQ(dropped(DropReason::no_neighbour), 6U);
  EXPECT_EQ(out_b().size(), 1U) << "one ARP request, rate-limited";
  // TearDown destroys the worker with 64 packets held and checks the pool is whole again.
}

}  // namespace
}  // namespace rr::worker::test
