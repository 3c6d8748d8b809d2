// Media relaying: exact bytes out for RTP, RTCP (muxed and on its own port) and
// IPv4 <-> IPv6 bridging; unknown ports counted (VLAN: vlan_test.cpp). The fixture checks no mbuf leaked.
#include "tests/pipeline/worker/harness.hpp"

namespace rr::worker::test {
namespace {

TEST_F(WorkerPipeline, RelaysRtpWithFreshHeadersAndUntouchedPayload) {
  start_worker();
  announce_phones();
  const MediaSpec spec;
  const Media media = publish(spec);

  FrameBuilder in = rtp_from(kPhoneMacA, kRelayMacA, spec.a_sdp, {kRelayA, 10000}, 7);
  inject_a(in.ttl(17).tos(0).trailer(6).build());  // TTL, TOS and Ethernet padding are not copied
  poll();

  const auto out = out_b();
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0], relayed(kRelayMacB, kPhoneMacB, {kRelayB, 10002}, spec.b_sdp, in.udp_payload()));
  EXPECT_TRUE(out_a().empty());
  EXPECT_EQ(count(Counter::rtp_packets), 1U);
  const auto stats = media.from_a->stats.snapshot();
  EXPECT_EQ(stats.packets, 1U);
  EXPECT_EQ(stats.ssrc, 0x11223344U);
  EXPECT_EQ(media.from_a->forwarded_packets.load(), 1U);
}

TEST_F(WorkerPipeline, RelaysBothDirections) {
  start_worker();
  announce_phones();
  const MediaSpec spec;
  publish(spec);
  const FrameBuilder from_b = rtp_from(kPhoneMacB, kRelayMacB, spec.b_sdp, {kRelayB, 10002}, 1, 0x11);
  inject_b(from_b.build());
  poll();
  const auto out = out_a();
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0], relayed(kRelayMacA, kPhoneMacA, {kRelayA, 10000}, spec.a_sdp, from_b.udp_payload()));
}

TEST_F(WorkerPipeline, RtcpMuxDemuxesByPayloadType) {
  start_worker();
  announce_phones();
  MediaSpec spec;
  spec.kind = StreamKind::rtp_mux;
  const Media media = publish(spec);

  FrameBuilder sr;
  sr.eth(kPhoneMacA, kRelayMacA).ipv4(kPhoneA, kRelayA).udp(4000, 10000).rtcp(200, 0, 0x11223344, Bytes(20, 0));
  const FrameBuilder rtp = rtp_from(kPhoneMacA, kRelayMacA, spec.a_sdp, {kRelayA, 10000}, 3);
  inject_a(sr.build());
  inject_a(rtp.build());
  poll();

  const auto out = out_b();
  ASSERT_EQ(out.size(), 2U);
  EXPECT_EQ(out[0], relayed(kRelayMacB, kPhoneMacB, {kRelayB, 10002}, spec.b_sdp, sr.udp_payload()));
  EXPECT_EQ(out[1], relayed(kRelayMacB, kPhoneMacB, {kRelayB, 10002}, spec.b_sdp, rtp.udp_payload()));
  EXPECT_EQ(count(Counter::rtcp_packets), 1U);
  EXPECT_EQ(count(Counter::rtp_packets), 1U);
  const auto stats = media.from_a->stats.snapshot();
  EXPECT_EQ(stats.rtcp_packets, 1U);
  EXPECT_EQ(stats.packets, 1U);
}

TEST_F(WorkerPipeline, SeparateRtcpPortCarriesOnlyRtcp) {
  start_worker();
  announce_phones();
  MediaSpec rtcp;
  rtcp.port_a = 10001, rtcp.port_b = 10003, rtcp.kind = StreamKind::rtcp;
  rtcp.a_sdp.port = 4001, rtcp.b_sdp.port = 5001;
  const Media media = publish(rtcp);

  FrameBuilder rr;
  rr.eth(kPhoneMacA, kRelayMacA).ipv4(kPhoneA, kRelayA).udp(4001, 10001).rtcp(201, 0, 0x11223344);
  inject_a(rr.build());
  // RTP version 2 with a marker+PT byte outside 192..223 is not RTCP: dropped as bad_rtcp.
  inject_a(rtp_from(kPhoneMacA, kRelayMacA, rtcp.a_sdp, {kRelayA, 10001}, 1).build());
  poll();

  const auto out = out_b();
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0], relayed(kRelayMacB, kPhoneMacB, {kRelayB, 10003}, rtcp.b_sdp, rr.udp_payload()));
  EXPECT_EQ(count(Counter::rtcp_packets), 1U);
  EXPECT_EQ(dropped(DropReason::bad_rtcp), 1U);
  EXPECT_EQ(media.from_a->drops[packet::index(DropReason::bad_rtcp)].load(), 1U);
}

TEST_F(WorkerPipeline, UnknownPortAndForeignAddressAreCountedDrops) {
  start_worker();
  announce_phones();
  publish(MediaSpec{});
  inject_a(rtp_from(kPhoneMacA, kRelayMacA, {kPhoneA, 4000}, {kRelayA, 10050}, 1).build());
  inject_a(rtp_from(kPhoneMacA, kRelayMacA, {kPhoneA, 4000}, {ip("192.0.2.77"), 10000}, 1).build());
  inject_a(rtp_from(kPhoneMacA, kRelayMacA, {kPhoneA, 4000}, {kRelayA, 80}, 1).build());
  poll();
  EXPECT_TRUE(out_a().empty());
  EXPECT_TRUE(out_b().empty());
  EXPECT_EQ(dropped(DropReason::unknown_destination), 3U);
  EXPECT_EQ(count(Counter::rx_packets), 3U + 3U);  // + the three announcements
}

TEST_F(WorkerPipeline, BridgesIpv4ToIpv6AndBack) {
  start_worker();
  announce_phones();
  MediaSpec spec;
  spec.relay_b = kRelayB6;
  spec.b_sdp = {kPhoneB6, 5000};
  publish(spec);

  const FrameBuilder from_a = rtp_from(kPhoneMacA, kRelayMacA, spec.a_sdp, {kRelayA, 10000}, 1, 0x4a);
  const FrameBuilder from_b = rtp_from(kPhoneMacB, kRelayMacB, spec.b_sdp, {kRelayB6, 10002}, 1, 0x6b);
  inject_a(from_a.build());
  inject_b(from_b.build());
  poll();

  const auto to_b = out_b();
  ASSERT_EQ(to_b.size(), 1U);
  EXPECT_EQ(to_b[0], relayed(kRelayMacB, kPhoneMacB, {kRelayB6, 10002}, spec.b_sdp, from_a.udp_payload()));
  const auto to_a = out_a();
  ASSERT_EQ(to_a.size(), 1U);
  EXPECT_EQ(to_a[0], relayed(kRelayMacA, kPhoneMacA, {kRelayA, 10000}, spec.a_sdp, from_b.udp_payload()));
}

}  // namespace
}  // namespace rr::worker::test
