// A plain RTP caller and an SDES-SRTP callee through rtp-relay between two namespaces. The
// callee's SRTP is done by the test with libsrtp2, using the key the relay wrote into the SDP
// it returned and the key the test put into its answer: RTP and RTCP (rtcp-mux) both ways,
// RTCP between a non-mux plain leg and a mux SRTP leg, then tampered and replayed SRTP
// dropped and counted in ng query.
#include <gtest/gtest.h>

#include "control/sdes/crypto_attribute.hpp"
#include "relay/srtp/keygen.hpp"
#include "tests/network/relay/call_fixture.hpp"
#include "tests/network/srtp/libsrtp_peer.hpp"

namespace rr::netlab {
namespace {

using namespace std::chrono_literals;

constexpr auto kWait = 2s;
constexpr auto kQuiet = 300ms;
constexpr const char* kSuite = "AES_CM_128_HMAC_SHA1_80";

// An RR without report blocks plus SDES CNAME, as a phone sends it.
std::vector<uint8_t> rtcp_packet(uint32_t ssrc) {
  std::vector<uint8_t> p{0x80, 0xc9, 0x00, 0x01, 0,    0,    0,   0,   0x81, 0xca, 0x00, 0x03,
                         0,    0,    0,    0,    0x01, 0x04, 'p', 'h', 'o',  'n',  0x00, 0x00};
  for (size_t at : {4, 12})
    for (int i = 0; i < 4; ++i) p[at + i] = static_cast<uint8_t>(ssrc >> (24 - 8 * i));
  return p;
}

std::string with_sdes(std::string sdp, const std::string& crypto) {
  sdp.replace(sdp.find(" RTP/AVP "), 9, " RTP/SAVP ");
  return sdp + "a=rtcp-mux\r\n" + (crypto.empty() ? "" : "a=crypto:" + crypto + "\r\n");
}

std::optional<sdes::CryptoAttribute> crypto_in(const std::string& sdp) {
  const size_t at = sdp.find("a=crypto:");
  if (at == std::string::npos) return std::nullopt;
  return sdes::parse_crypto(sdp.substr(at, sdp.find("\r\n", at) - at)).attribute;
}

class SrtpOnVeths : public RelayOnVeths {
 protected:
  void SetUp() override {
    RelayOnVeths::SetUp();
    if (HasFatalFailure()) return;
    caller_.emplace(topology_->caller(), Endpoint{kCallerSide.host_address, 0});
    callee_.emplace(topology_->callee(), Endpoint{kCalleeSide.host_address, 0});
  }
  void TearDown() override {
    caller_.reset(), callee_.reset();
    RelayOnVeths::TearDown();
  }

  struct Call {
    Endpoint relay_a, relay_b;     // where the caller / the callee send
    srtp::KeyMaterial relay_key;   // the relay protects toward the callee with it
    srtp::KeyMaterial callee_key;  // the callee protects with it
  };

  // The plain caller offers, the SRTP callee answers with a key of its own and rtcp-mux.
  // `caller_mux` false: the caller sends RTCP from its RTP port + 1 and the relay offers
  // rtcp-mux to the callee itself (ng "rtcp-mux: [offer]"), so RTCP crosses between the
  // caller's RTCP port pair and the callee's muxed port.
  // `callee_mki`: the MKI the callee's a=crypto declares and its packets carry.
  std::optional<Call> set_up(const ngclient::CallIds& ids, bool caller_mux = true,
                             std::optional<Endpoint> caller_media = std::nullopt,
                             const srtp::Mki& callee_mki = {}) {
    if (!caller_media) caller_media = caller_->local();
    const Endpoint callee_media = callee_->local();
    Call call;
    auto offer = ngclient::offer_request(
        ids, ngclient::g711_sdp(*caller_media, 1) + (caller_mux ? "a=rtcp-mux\r\n" : ""),
        caller_media->address);
    offer.set("direction", bencode::List{kCallerSide.relay_interface, kCalleeSide.relay_interface});
    offer.set("transport-protocol", "RTP/SAVP");
    offer.set("SDES", bencode::List{std::string("only-") + kSuite});
    if (!caller_mux) offer.set("rtcp-mux", bencode::List{std::string("offer")});
    const std::optional<std::string> to_callee = sdp_of(offer);
    if (!to_callee) return std::nullopt;
    EXPECT_NE(to_callee->find(" RTP/SAVP "), std::string::npos) << *to_callee;
    EXPECT_NE(to_callee->find("a=rtcp-mux"), std::string::npos) << *to_callee;
    const std::optional<sdes::CryptoAttribute> ours = crypto_in(*to_callee);
    if (!ours)
      return ADD_FAILURE() << "no a=crypto toward the callee:\n" << *to_callee, std::nullopt;
    call.relay_key = ours->keys[0].key;

    call.callee_key = *srtp::generate_key(srtp::CryptoSuite::aes_cm_128_hmac_sha1_80);
    call.callee_key.mki = callee_mki;
    sdes::CryptoAttribute theirs = *ours;
    theirs.keys[0].key = call.callee_key;
    const std::optional<std::string> to_caller = sdp_of(ngclient::answer_request(
        ids, with_sdes(ngclient::g711_sdp(callee_media, 2), sdes::format_crypto(theirs)),
        callee_media.address));
    if (!to_caller) return std::nullopt;
    EXPECT_NE(to_caller->find(" RTP/AVP "), std::string::npos) << *to_caller;
    EXPECT_EQ(to_caller->find("a=crypto"), std::string::npos) << *to_caller;
    EXPECT_EQ(to_caller->find("a=rtcp-mux") != std::string::npos, caller_mux) << *to_caller;
    call.relay_b = *ngclient::audio_endpoint(*to_callee);
    call.relay_a = *ngclient::audio_endpoint(*to_caller);
    return call;
  }

  std::optional<std::string> sdp_of(const bencode::Value& request) {
    auto result = ng_->request(request);
    EXPECT_TRUE(result.ok()) << result.error;
    auto sdp = result.body.get_string("sdp");
    EXPECT_TRUE(sdp.has_value()) << "no sdp in the reply";
    return sdp ? std::optional<std::string>(*sdp) : std::nullopt;
  }

  // The "stats" of the stream the relay receives on `port`, from ng query.
  std::optional<bencode::Value> stream_stats(const std::string& call_id, uint16_t port) {
    bencode::Value query = bencode::Value::dict();
    query.set("command", "query");
    query.set("call-id", call_id);
    auto result = ng_->request(query);
    if (!result.ok()) return std::nullopt;
    const bencode::Value* tags = result.body.find("tags");
    if (tags == nullptr || tags->as_dict() == nullptr) return std::nullopt;
    for (const auto& tag : *tags->as_dict())
      if (const bencode::Value* medias = tag.value.find("medias"))
        for (const auto& media : *medias->as_list())
          for (const auto& stream : *media.find("streams")->as_list())
            if (stream.get_int("local port") == port) return *stream.find("stats");
    return std::nullopt;
  }

  std::optional<HostUdpSocket> caller_, callee_;  // the phones, in namespaces a and b
};

TEST_P(SrtpOnVeths, PlainAndSrtpLegsExchangeRtpAndRtcpBothWays) {
  const HostUdpSocket &caller = *caller_, &callee = *callee_;
  const ngclient::CallIds ids{"netlab-srtp", "caller-tag", "callee-tag"};
  const std::optional<Call> call = set_up(ids);
  ASSERT_TRUE(call);
  LibsrtpPeer from_relay(call->relay_key, false);
  LibsrtpPeer to_relay(call->callee_key, true);
  ASSERT_TRUE(from_relay.ok() && to_relay.ok());

  struct Row {
    const char* name;
    bool rtcp;
  };
  for (const Row& row : {Row{"RTP", false}, Row{"RTCP", true}}) {
    SCOPED_TRACE(row.name);
    for (uint16_t seq = 1; seq <= 3; ++seq) {
      const std::vector<uint8_t> plain =
          row.rtcp ? rtcp_packet(0x2000 + seq) : rtp_packet(seq, 0x1000, uint8_t(seq));
      // Caller -> relay (plain) -> callee (SRTP, our key).
      ASSERT_TRUE(caller.send_to(call->relay_a, plain));
      auto got = callee.receive(kWait);
      ASSERT_TRUE(got) << "packet " << seq << " not relayed to the SRTP leg";
      EXPECT_NE(got->bytes, plain) << "sent in the clear";
      EXPECT_EQ(from_relay.unprotect(got->bytes, row.rtcp), plain) << "does not unprotect";

      // Callee (SRTP, its key) -> relay -> caller (plain).
      const std::vector<uint8_t> back =
          row.rtcp ? rtcp_packet(0x3000 + seq) : rtp_packet(seq, 0x4000, uint8_t(0x80 + seq));
      ASSERT_TRUE(callee.send_to(call->relay_b, to_relay.protect(back, row.rtcp)));
      got = caller.receive(kWait);
      ASSERT_TRUE(got) << "packet " << seq << " not relayed to the plain leg";
      EXPECT_EQ(got->bytes, back);
    }
  }
}

TEST_P(SrtpOnVeths, TamperedAndReplayedSrtpIsDroppedAndCounted) {
  const HostUdpSocket &caller = *caller_, &callee = *callee_;
  const ngclient::CallIds ids{"netlab-srtp-drops", "caller-tag", "callee-tag"};
  const std::optional<Call> call = set_up(ids);
  ASSERT_TRUE(call);
  LibsrtpPeer to_relay(call->callee_key, true);
  ASSERT_TRUE(to_relay.ok());

  std::vector<uint8_t> good = to_relay.protect(rtp_packet(1, 0x5000, 1), false);
  std::vector<uint8_t> tampered = to_relay.protect(rtp_packet(2, 0x5000, 2), false);
  tampered[20] ^= 0x01;
  std::vector<uint8_t> tampered_rtcp = to_relay.protect(rtcp_packet(0x5000), true);
  tampered_rtcp[10] ^= 0x01;

  ASSERT_TRUE(callee.send_to(call->relay_b, good));
  ASSERT_TRUE(caller.receive(kWait)) << "the genuine packet must pass";
  for (const auto* bad : {&tampered, &good, &tampered_rtcp})  // good again: a replay
    ASSERT_TRUE(callee.send_to(call->relay_b, *bad));
  EXPECT_TRUE(caller.drain(kQuiet).empty()) << "a tampered or replayed packet got through";

  const std::optional<bencode::Value> stats = stream_stats(ids.call_id, call->relay_b.port);
  ASSERT_TRUE(stats) << "no stream on the relay's port " << call->relay_b.port;
  EXPECT_EQ(stats->get_int("SRTP auth failures"), 2) << "RTP and RTCP";
  EXPECT_EQ(stats->get_int("SRTP replays"), 1);
  EXPECT_EQ(stats->get_int("errors"), 3);
  EXPECT_TRUE(delete_call(ids));
}

// RFC 3711 MKI: the callee's a=crypto declares "|7:4", so its SRTP and SRTCP carry it; the
// relay checks and strips it, and counts a packet naming another master key as an
// authentication failure. The relay's own key toward the callee has none (the relay offered).
TEST_P(SrtpOnVeths, TheCalleesMkiIsCheckedAndStripped) {
  const HostUdpSocket &caller = *caller_, &callee = *callee_;
  const ngclient::CallIds ids{"netlab-srtp-mki", "caller-tag", "callee-tag"};
  const std::optional<Call> call = set_up(ids, true, std::nullopt, *srtp::Mki::from_value(7, 4));
  ASSERT_TRUE(call);
  EXPECT_FALSE(call->relay_key.mki);
  LibsrtpPeer from_relay(call->relay_key, false);
  LibsrtpPeer to_relay(call->callee_key, true);
  ASSERT_TRUE(from_relay.ok() && to_relay.ok());

  for (bool rtcp : {false, true}) {
    SCOPED_TRACE(rtcp ? "SRTCP" : "SRTP");
    const std::vector<uint8_t> plain = rtcp ? rtcp_packet(0x8000) : rtp_packet(1, 0x8000, 1);
    const std::vector<uint8_t> wire = to_relay.protect(plain, rtcp);
    ASSERT_EQ(std::vector<uint8_t>(wire.end() - 14, wire.end() - 10), (std::vector<uint8_t>{0, 0, 0, 7}))
        << "libsrtp puts the MKI before the 80-bit tag";
    ASSERT_TRUE(callee.send_to(call->relay_b, wire));
    auto got = caller.receive(kWait);
    ASSERT_TRUE(got) << "SRTP with the declared MKI not relayed";
    EXPECT_EQ(got->bytes, plain);

    ASSERT_TRUE(caller.send_to(call->relay_a, plain));  // the other way: no MKI from the relay
    got = callee.receive(kWait);
    ASSERT_TRUE(got) << "not relayed to the SRTP leg";
    EXPECT_EQ(from_relay.unprotect(got->bytes, rtcp), plain);
  }
  std::vector<uint8_t> forged = to_relay.protect(rtp_packet(2, 0x8000, 2), false);
  forged[forged.size() - 11] ^= 0x01;  // the MKI's last byte: another master key
  ASSERT_TRUE(callee.send_to(call->relay_b, forged));
  EXPECT_TRUE(caller.drain(kQuiet).empty()) << "a packet with another MKI got through";
  const std::optional<bencode::Value> stats = stream_stats(ids.call_id, call->relay_b.port);
  ASSERT_TRUE(stats) << "no stream on the relay's port " << call->relay_b.port;
  EXPECT_EQ(stats->get_int("SRTP auth failures"), 1);
  EXPECT_TRUE(delete_call(ids));
}

// rtcp-mux on the SRTP leg only: the caller's plain RTCP arrives on the relay's RTCP port
// and leaves as SRTCP on the callee's muxed port; the callee's SRTCP on the muxed port is
// unprotected and leaves from the relay's RTCP port toward the caller's RTCP port.
TEST_P(SrtpOnVeths, RtcpCrossesBetweenANonMuxPlainLegAndAMuxSrtpLeg) {
  const HostUdpSocket caller_rtp(topology_->caller(), {kCallerSide.host_address, 42100});
  const HostUdpSocket caller_rtcp(topology_->caller(), {kCallerSide.host_address, 42101});
  const HostUdpSocket& callee = *callee_;
  const ngclient::CallIds ids{"netlab-srtp-mux", "caller-tag", "callee-tag"};
  const std::optional<Call> call = set_up(ids, false, caller_rtp.local());
  ASSERT_TRUE(call);
  const Endpoint relay_a_rtcp{call->relay_a.address, uint16_t(call->relay_a.port + 1)};
  LibsrtpPeer from_relay(call->relay_key, false);
  LibsrtpPeer to_relay(call->callee_key, true);
  ASSERT_TRUE(from_relay.ok() && to_relay.ok());

  for (uint16_t round = 1; round <= 3; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    // RTP first, both ways, so that both sides are latched.
    const std::vector<uint8_t> rtp = rtp_packet(round, 0x6000, uint8_t(round));
    ASSERT_TRUE(caller_rtp.send_to(call->relay_a, rtp));
    auto got = callee.receive(kWait);
    ASSERT_TRUE(got) << "RTP not relayed to the SRTP leg";
    EXPECT_EQ(from_relay.unprotect(got->bytes, false), rtp);
    const std::vector<uint8_t> back = rtp_packet(round, 0x7000, uint8_t(0x80 + round));
    ASSERT_TRUE(callee.send_to(call->relay_b, to_relay.protect(back, false)));
    got = caller_rtp.receive(kWait);
    ASSERT_TRUE(got) << "RTP not relayed to the plain leg";
    EXPECT_EQ(got->bytes, back);

    // Plain RTCP from the caller's RTCP port -> SRTCP on the callee's muxed port.
    const std::vector<uint8_t> report = rtcp_packet(0x6000);
    ASSERT_TRUE(caller_rtcp.send_to(relay_a_rtcp, report));
    got = callee.receive(kWait);
    ASSERT_TRUE(got) << "RTCP from the non-mux port not relayed to the muxed SRTP port";
    EXPECT_NE(got->bytes, report) << "sent in the clear";
    EXPECT_EQ(from_relay.unprotect(got->bytes, true), report) << "does not unprotect as SRTCP";

    // SRTCP on the callee's muxed port -> plain RTCP to the caller's RTCP port.
    const std::vector<uint8_t> answer = rtcp_packet(0x7000);
    ASSERT_TRUE(callee.send_to(call->relay_b, to_relay.protect(answer, true)));
    got = caller_rtcp.receive(kWait);
    ASSERT_TRUE(got) << "SRTCP from the muxed port not relayed to the caller's RTCP port";
    EXPECT_EQ(got->bytes, answer);
    EXPECT_EQ(got->from, relay_a_rtcp) << "must leave from the relay's RTCP port";
  }
  EXPECT_TRUE(caller_rtp.drain(kQuiet).empty()) << "RTCP leaked onto the caller's RTP port";
  EXPECT_TRUE(delete_call(ids));
}

INSTANTIATE_TEST_SUITE_P(Vdevs, SrtpOnVeths, testing::Values(Driver::af_packet), driver_name);

}  // namespace
}  // namespace rr::netlab
