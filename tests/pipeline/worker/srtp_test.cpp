// SRTP through the worker: phone A speaks SRTP, phone B plain RTP. The relay unprotects
// A's packets (authenticating them before they may latch) and protects B's towards A.
#include <memory>

#include "relay/srtp/keygen.hpp"
#include "relay/srtp/session.hpp"
#include "tests/pipeline/worker/harness.hpp"

namespace rr::worker::test {
namespace {

std::shared_ptr<srtp::SrtpSession> session(const srtp::KeyMaterial& key, srtp::Direction direction) {
  auto created = srtp::SrtpSession::create({key, direction, std::nullopt, false});
  EXPECT_TRUE(created.ok());
  return std::make_shared<srtp::SrtpSession>(std::move(*created.session));
}

class SrtpRelay : public WorkerPipeline {
 protected:
  void SetUp() override {
    WorkerPipeline::SetUp();
    a_key_ = *srtp::generate_key(srtp::CryptoSuite::aes_cm_128_hmac_sha1_80);
    relay_key_ = *srtp::generate_key(srtp::CryptoSuite::aes_cm_128_hmac_sha1_80);
    spec_.a_srtp.unprotect = session(a_key_, srtp::Direction::inbound);
    spec_.b_srtp.protect = session(relay_key_, srtp::Direction::outbound);
    phone_a_out_ = session(a_key_, srtp::Direction::outbound);
    phone_a_in_ = session(relay_key_, srtp::Direction::inbound);
    start_worker();
    announce_phones();
    media_ = publish(spec_);
  }
  void TearDown() override {
    spec_ = {};
    media_ = {};
    WorkerPipeline::TearDown();
  }

  Bytes protect_as_a(Bytes rtp) {
    const size_t len = rtp.size();
    rtp.resize(len + 16);
    const auto result = phone_a_out_->protect(rtp.data(), len, rtp.size());
    EXPECT_TRUE(result.ok());
    rtp.resize(result.len);
    return rtp;
  }

  srtp::KeyMaterial a_key_, relay_key_;
  std::shared_ptr<srtp::SrtpSession> phone_a_out_, phone_a_in_;
  MediaSpec spec_;
  Media media_;
};

TEST_F(SrtpRelay, UnprotectsWhatASendsAndRelaysPlainRtpToB) {
  const Bytes plain = rtp_from(kPhoneMacA, kRelayMacA, spec_.a_sdp, {kRelayA, 10000}, 1).udp_payload();
  const Bytes srtp = protect_as_a(plain);
  ASSERT_NE(srtp, plain);
  inject_a(FrameBuilder().eth(kPhoneMacA, kRelayMacA).ipv4(kPhoneA, kRelayA).udp(4000, 10000).payload(srtp).build());
  poll();
  const auto out = out_b();
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0], relayed(kRelayMacB, kPhoneMacB, {kRelayB, 10002}, spec_.b_sdp, plain));
  EXPECT_EQ(media_.from_a->stats.snapshot().bytes, plain.size()) << "stats count plaintext octets";
}

TEST_F(SrtpRelay, ProtectsWhatBSendsTowardsA) {
  const Bytes plain = rtp_from(kPhoneMacB, kRelayMacB, spec_.b_sdp, {kRelayB, 10002}, 1, 0x77).udp_payload();
  inject_b(FrameBuilder().eth(kPhoneMacB, kRelayMacB).ipv4(kPhoneB, kRelayB).udp(5000, 10002).payload(plain).build());
  poll();
  const auto out = out_a();
  ASSERT_EQ(out.size(), 1U);
  constexpr size_t kHeaders = 14 + 20 + 8;
  ASSERT_EQ(out[0].size(), kHeaders + plain.size() + 10) << "80-bit auth tag appended";
  Bytes received(out[0].begin() + kHeaders, out[0].end());
  const auto result = phone_a_in_->unprotect(received.data(), received.size());
  ASSERT_TRUE(result.ok()) << srtp::to_string(result.error);
  received.resize(result.len);
  EXPECT_EQ(received, plain);
  // Headers around the SRTP payload are the ones of any relayed packet.
  const Bytes srtp(out[0].begin() + kHeaders, out[0].end());
  EXPECT_EQ(out[0], relayed(kRelayMacA, kPhoneMacA, {kRelayA, 10000}, spec_.a_sdp, srtp));
}

TEST_F(SrtpRelay, ForgedAndReplayedPacketsAreDroppedAndCannotLatch) {
  const Bytes plain = rtp_from(kPhoneMacA, kRelayMacA, spec_.a_sdp, {kRelayA, 10000}, 5).udp_payload();
  const Bytes srtp = protect_as_a(plain);
  Bytes forged = srtp;
  forged.back() ^= 0x01;
  const Endpoint attacker{ip("192.0.2.66"), 6666};
  inject_a(FrameBuilder().eth(kPhoneMacA, kRelayMacA).ipv4(attacker.address, kRelayA).udp(attacker.port, 10000).payload(forged).build());
  poll();
  EXPECT_EQ(media_.from_a->latched.version(), 1U) << "the forged packet did not latch";
  inject_a(FrameBuilder().eth(kPhoneMacA, kRelayMacA).ipv4(kPhoneA, kRelayA).udp(4000, 10000).payload(srtp).build());
  inject_a(FrameBuilder().eth(kPhoneMacA, kRelayMacA).ipv4(kPhoneA, kRelayA).udp(4000, 10000).payload(srtp).build());
  poll();
  EXPECT_EQ(out_b().size(), 1U);
  EXPECT_EQ(dropped(DropReason::srtp_auth_failed), 1U);
  EXPECT_EQ(dropped(DropReason::srtp_replay), 1U);
  EXPECT_EQ(media_.from_a->latched.load(), spec_.a_sdp);
}

TEST_F(SrtpRelay, PaddedSrtpIsRelayedWhateverTheAuthTagEndsIn) {
  // Before unprotect the last byte is tag, not padding count: pick a packet whose tag ends in
  // a byte that is no valid count (0 or past the payload), which plain-RTP parsing refuses.
  Bytes plain, srtp;
  for (uint16_t seq = 1; seq < 2000; ++seq) {
    plain = FrameBuilder().rtp(seq, seq * 160U, 0x11223344, 0).payload(160, 0xd5).rtp_padding(4).udp_payload();
    srtp = protect_as_a(plain);
    if (srtp.back() == 0 || srtp.back() > 200) break;
  }
  ASSERT_TRUE(srtp.back() == 0 || srtp.back() > 200);
  inject_a(FrameBuilder().eth(kPhoneMacA, kRelayMacA).ipv4(kPhoneA, kRelayA).udp(4000, 10000).payload(srtp).build());
  poll();
  const auto out = out_b();
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0], relayed(kRelayMacB, kPhoneMacB, {kRelayB, 10002}, spec_.b_sdp, plain));
  EXPECT_EQ(dropped(DropReason::not_rtp), 0U);
}

TEST_F(SrtpRelay, AuthenticSrtpWithALyingPaddingCountIsNotRtp) {
  Bytes plain = rtp_from(kPhoneMacA, kRelayMacA, spec_.a_sdp, {kRelayA, 10000}, 1).rtp_padding(4).udp_payload();
  plain.back() = 0;  // padding flag set, count 0: invalid (RFC 3550 5.1)
  inject_a(FrameBuilder().eth(kPhoneMacA, kRelayMacA).ipv4(kPhoneA, kRelayA).udp(4000, 10000)
               .payload(protect_as_a(plain)).build());
  poll();
  EXPECT_TRUE(out_b().empty());
  EXPECT_EQ(dropped(DropReason::not_rtp), 1U);
  EXPECT_EQ(media_.from_a->drops[packet::index(DropReason::not_rtp)].load(), 1U);
}

}  // namespace
}  // namespace rr::worker::test
