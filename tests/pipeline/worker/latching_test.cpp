// Source learning through the whole worker: NAT latching, strict source, the bounded
// learning window (RTP Bleed) and asymmetric streams.
#include "tests/pipeline/worker/harness.hpp"

namespace rr::worker::test {
namespace {

const Endpoint kNatA{kPhoneA, 61000};                // A's SDP said port 4000; its NAT says otherwise
const Endpoint kStranger{ip("192.0.2.66"), 5004};    // on A's link, spraying the relay port
const packet::MacAddress kStrangerMac = mac("02:00:00:00:0e:66");

class Latching : public WorkerPipeline {
 protected:
  // B answers once; returns where its packet went (destination endpoint of the frame to A).
  FrameBuilder from_b(uint16_t seq) const {
    return rtp_from(kPhoneMacB, kRelayMacB, spec_.b_sdp, {kRelayB, 10002}, seq, 0xbb);
  }
  Bytes b_answers(uint16_t seq) {
    inject_b(from_b(seq).build());
    poll();
    const auto out = out_a();
    EXPECT_EQ(out.size(), 1U);
    return out.empty() ? Bytes{} : out[0];
  }
  Bytes to_a(const Endpoint& destination, const packet::MacAddress& mac_of, uint16_t seq) {
    return relayed(kRelayMacA, mac_of, {kRelayA, 10000}, destination, from_b(seq).udp_payload());
  }
  void a_sends(const Endpoint& from, const packet::MacAddress& from_mac, uint16_t seq) {
    inject_a(rtp_from(from_mac, kRelayMacA, from, {kRelayA, 10000}, seq).build());
  }

  MediaSpec spec_;
};

TEST_F(Latching, NatSourceIsLatchedAndUsedForTheReverseDirection) {
  start_worker();
  announce_phones();
  const Media media = publish(spec_);
  EXPECT_EQ(b_answers(1), to_a(spec_.a_sdp, kPhoneMacA, 1)) << "before latching: SDP address";
  a_sends(kNatA, kPhoneMacA, 1);
  poll();
  EXPECT_EQ(out_b().size(), 1U);
  EXPECT_EQ(media.from_a->latched.load(), kNatA);
  EXPECT_EQ(b_answers(2), to_a(kNatA, kPhoneMacA, 2));
}

TEST_F(Latching, StrictSourceDropsOtherSendersAndCountsThem) {
  spec_.learning = {table::LearningPolicy::strict_source, {5, 3000}, false};
  start_worker();
  announce_phones();
  const Media media = publish(spec_);
  a_sends(kNatA, kPhoneMacA, 1);
  a_sends(kStranger, kStrangerMac, 2);
  poll();
  EXPECT_EQ(out_b().size(), 1U);
  EXPECT_EQ(dropped(DropReason::source_mismatch), 1U);
  EXPECT_EQ(media.from_a->drops[packet::index(DropReason::source_mismatch)].load(), 1U);
  EXPECT_EQ(media.from_a->stats.snapshot().packets, 1U) << "a dropped stranger is not in the stats";
  EXPECT_EQ(b_answers(1), to_a(kNatA, kPhoneMacA, 1));
}

TEST_F(Latching, ClosedLearningWindowStopsAStrangerFromHijackingTheStream) {
  spec_.learning = {table::LearningPolicy::symmetric, {2, 60000}, false};
  start_worker();
  announce_phones();
  const Media media = publish(spec_);
  a_sends(kNatA, kPhoneMacA, 1);
  a_sends(kNatA, kPhoneMacA, 2);   // window (2 packets) now closed
  a_sends(kStranger, kStrangerMac, 3);
  poll();
  EXPECT_EQ(out_b().size(), 3U) << "symmetric: the stranger's packet is still relayed";
  EXPECT_EQ(media.from_a->latched.load(), kNatA);
  EXPECT_EQ(b_answers(1), to_a(kNatA, kPhoneMacA, 1)) << "but B's media still goes to A";

  media.from_a->request_relearn();  // control: media handover
  a_sends(kStranger, kStrangerMac, 4);
  poll();
  EXPECT_EQ(out_b().size(), 1U);
  EXPECT_EQ(b_answers(2), to_a(kStranger, kStrangerMac, 2));
}

TEST_F(Latching, AsymmetricNeverLatches) {
  spec_.learning = {table::LearningPolicy::asymmetric, {5, 3000}, false};
  start_worker();
  announce_phones();
  const Media media = publish(spec_);
  a_sends(kNatA, kPhoneMacA, 1);
  poll();
  EXPECT_EQ(out_b().size(), 1U);
  EXPECT_EQ(b_answers(1), to_a(spec_.a_sdp, kPhoneMacA, 1));
  EXPECT_EQ(media.from_a->latched.version(), 1U) << "only the initial SDP value was stored";
}

}  // namespace
}  // namespace rr::worker::test
