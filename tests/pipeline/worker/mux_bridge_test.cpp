// RTCP between an rtcp-mux leg (A: one port) and a non-mux leg (B: RTP port + RTCP port):
// exact bytes in both directions, and the mux port's RTCP following B's RTCP latch.
#include "tests/pipeline/worker/harness.hpp"

namespace rr::worker::test {
namespace {

// A muxes on relay 10000; B has relay 10002 (RTP) and 10003 (RTCP), SDP 5000 / 5001.
struct MuxBridge {
  std::shared_ptr<table::StreamState> a, b_rtp, b_rtcp;
};

class MuxBridgePipeline : public WorkerPipeline {
 protected:
  MuxBridge publish_bridge() {
    const stats::RtpClock clock(8000, rte_get_tsc_hz());
    MuxBridge m{std::make_shared<table::StreamState>(kA, clock),
                std::make_shared<table::StreamState>(kBRtp, clock),
                std::make_shared<table::StreamState>(kBRtcp, clock)};
    const auto b_index = static_cast<uint8_t>(table_->address_index(kRelayB));
    auto entry = [&](table::EntryKey key, StreamKind kind, const Endpoint& expected,
                     const std::shared_ptr<table::StreamState>& state, table::Egress egress) {
      auto e = std::make_unique<table::ForwardingEntry>();
      e->key = key, e->kind = kind, e->expected_source = expected, e->state = state;
      e->egress = std::move(egress);
      return e;
    };
    auto from_a = entry({0, 10000}, StreamKind::rtp_mux, kA, m.a,
                        {port_b_->id(), {kRelayB, 10002}, 64, 46, table::latched_of(m.b_rtp)});
    from_a->rtcp_egress = {port_b_->id(), {kRelayB, 10003}, 64, 46, table::latched_of(m.b_rtcp)};
    const table::Egress to_a{port_a_->id(), {kRelayA, 10000}, 64, 46, table::latched_of(m.a)};
    EXPECT_EQ(table_->publish(std::move(from_a)), table::PublishError::none);
    EXPECT_EQ(table_->publish(entry({b_index, 10002}, StreamKind::rtp, kBRtp, m.b_rtp, to_a)),
              table::PublishError::none);
    EXPECT_EQ(table_->publish(entry({b_index, 10003}, StreamKind::rtcp, kBRtcp, m.b_rtcp, to_a)),
              table::PublishError::none);
    return m;
  }

  static FrameBuilder rtcp_from(const packet::MacAddress& src_mac,
                                const packet::MacAddress& dst_mac, const Endpoint& src,
                                const Endpoint& dst, uint8_t type) {
    FrameBuilder builder;
    builder.eth(src_mac, dst_mac).ipv4(src.address, dst.address).udp(src.port, dst.port);
    builder.rtcp(type, 0, 0x11223344, Bytes(20, type));
    return builder;
  }

  static inline const Endpoint kA{kPhoneA, 4000}, kBRtp{kPhoneB, 5000}, kBRtcp{kPhoneB, 5001};
};

TEST_F(MuxBridgePipeline, RtcpFromMuxLegLeavesByTheOtherLegsRtcpPorts) {
  start_worker();
  announce_phones();
  const MuxBridge m = publish_bridge();

  const FrameBuilder sr = rtcp_from(kPhoneMacA, kRelayMacA, kA, {kRelayA, 10000}, 200);
  const FrameBuilder rtp = rtp_from(kPhoneMacA, kRelayMacA, kA, {kRelayA, 10000}, 3);
  inject_a(sr.build());
  inject_a(rtp.build());
  poll();

  const auto out = out_b();
  ASSERT_EQ(out.size(), 2U);
  EXPECT_EQ(out[0], relayed(kRelayMacB, kPhoneMacB, {kRelayB, 10003}, kBRtcp, sr.udp_payload()));
  EXPECT_EQ(out[1], relayed(kRelayMacB, kPhoneMacB, {kRelayB, 10002}, kBRtp, rtp.udp_payload()));
  EXPECT_EQ(count(Counter::rtcp_packets), 1U);
  EXPECT_EQ(count(Counter::rtp_packets), 1U);
  const auto stats = m.a->stats.snapshot();
  EXPECT_EQ(stats.rtcp_packets, 1U);
  EXPECT_EQ(stats.packets, 1U);
}

TEST_F(MuxBridgePipeline, RtcpFromNonMuxLegLeavesByTheMuxPort) {
  start_worker();
  announce_phones();
  const MuxBridge m = publish_bridge();

  const FrameBuilder rr = rtcp_from(kPhoneMacB, kRelayMacB, kBRtcp, {kRelayB, 10003}, 201);
  const FrameBuilder rtp = rtp_from(kPhoneMacB, kRelayMacB, kBRtp, {kRelayB, 10002}, 1, 0x6b);
  inject_b(rr.build());
  inject_b(rtp.build());
  poll();

  const auto out = out_a();
  ASSERT_EQ(out.size(), 2U);
  EXPECT_EQ(out[0], relayed(kRelayMacA, kPhoneMacA, {kRelayA, 10000}, kA, rr.udp_payload()));
  EXPECT_EQ(out[1], relayed(kRelayMacA, kPhoneMacA, {kRelayA, 10000}, kA, rtp.udp_payload()));
  EXPECT_EQ(m.b_rtcp->stats.snapshot().rtcp_packets, 1U);
  EXPECT_EQ(m.b_rtp->stats.snapshot().packets, 1U);
}

TEST_F(MuxBridgePipeline, MuxedRtcpFollowsTheLatchedRtcpSourceNotTheRtpOne) {
  start_worker();
  announce_phones();
  const MuxBridge m = publish_bridge();

  // B's RTCP comes from another port (NAT): the RTCP stream latches it, RTP keeps 5000.
  const Endpoint natted{kPhoneB, 5901};
  inject_b(rtcp_from(kPhoneMacB, kRelayMacB, natted, {kRelayB, 10003}, 201).build());
  poll();
  ASSERT_EQ(out_a().size(), 1U);
  EXPECT_EQ(m.b_rtcp->latched.load(), natted);

  const FrameBuilder sr = rtcp_from(kPhoneMacA, kRelayMacA, kA, {kRelayA, 10000}, 200);
  inject_a(sr.build());
  poll();
  const auto out = out_b();
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0], relayed(kRelayMacB, kPhoneMacB, {kRelayB, 10003}, natted, sr.udp_payload()));
}

}  // namespace
}  // namespace rr::worker::test
