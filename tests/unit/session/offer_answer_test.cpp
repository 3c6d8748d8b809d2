// Offer/answer through Sessions: golden SDP (ports as placeholders), ports per side,
// what the data plane is told, and the refusals in rtpengine's words.
#include <gtest/gtest.h>

#include "tests/unit/session/fixture.hpp"

namespace rr::session::testing {
namespace {

// Replaces {RTP} and {RTCP} with the given ports.
std::string fill(std::string text, uint16_t rtp) {
  for (const auto& [key, value] : {std::pair{"{RTP}", rtp}, std::pair{"{RTCP}", uint16_t(rtp + 1)}})
    for (size_t pos; (pos = text.find(key)) != std::string::npos;)
      text.replace(pos, std::string(key).size(), std::to_string(value));
  return text;
}

class OfferAnswer : public ::testing::Test {
 protected:
  FakeClock clock;
  RecordingForwarding forwarding;
  Sessions sessions{test_config(clock), forwarding};
};

TEST_F(OfferAnswer, OfferRewritesToRelayAndAnswerCompletesThePairing) {
  const auto offer = sessions.offer(offer_request("c1", "A", audio_sdp("192.0.2.10", 4000)));
  ASSERT_TRUE(offer.ok()) << offer.error().reason;
  const uint16_t b_port = media_port(offer.value().sdp);
  EXPECT_EQ(offer.value().sdp,
            fill("v=0\r\no=- 1545997027 1 IN IP4 192.0.2.10\r\ns=tester\r\n"
                 "c=IN IP4 203.0.113.1\r\nt=0 0\r\nm=audio {RTP} RTP/AVP 0 8\r\n"
                 "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtcp:{RTCP}\r\n",
                 b_port));
  EXPECT_EQ(b_port % 2, 0);
  EXPECT_TRUE(forwarding.published.empty()) << "nothing relays before the answer";

  const auto answer =
      sessions.answer(answer_request("c1", "A", "B", audio_sdp("198.51.100.20", 5000)));
  ASSERT_TRUE(answer.ok()) << answer.error().reason;
  const uint16_t a_port = media_port(answer.value().sdp);
  EXPECT_NE(a_port, b_port);
  EXPECT_NE(answer.value().sdp.find("c=IN IP4 203.0.113.1\r\n"), std::string::npos);

  ASSERT_EQ(forwarding.published.size(), 1u);
  const MediaPath& path = forwarding.published[0];
  EXPECT_EQ(path.a.relay_rtp, (Endpoint{*IpAddress::parse("203.0.113.1"), a_port}));
  EXPECT_EQ(path.a.peer_rtp, (Endpoint{*IpAddress::parse("192.0.2.10"), 4000}));
  EXPECT_EQ(path.a.peer_rtcp, (Endpoint{*IpAddress::parse("192.0.2.10"), 4001}));
  EXPECT_EQ(path.b.relay_rtp, (Endpoint{*IpAddress::parse("203.0.113.1"), b_port}));
  EXPECT_EQ(path.b.relay_rtcp, (Endpoint{*IpAddress::parse("203.0.113.1"), uint16_t(b_port + 1)}));
  EXPECT_EQ(path.b.peer_rtp, (Endpoint{*IpAddress::parse("198.51.100.20"), 5000}));
}

TEST_F(OfferAnswer, DirectionPicksInterfacesAndAddressFamilyBridges) {
  OfferRequest r = offer_request("c1", "A", audio_sdp("192.0.2.10", 4000));
  r.direction = {"pub", "priv"};
  r.address_family = Family::v6;
  const auto offer = sessions.offer(r);
  ASSERT_TRUE(offer.ok()) << offer.error().reason;
  EXPECT_NE(offer.value().sdp.find("c=IN IP6 2001:db8::1\r\n"), std::string::npos)
      << offer.value().sdp;
  AnswerRequest a = answer_request("c1", "A", "B", audio_sdp("2001:db8::99", 5000, "", "IP6"));
  a.direction = r.direction;
  const auto answer = sessions.answer(a);
  ASSERT_TRUE(answer.ok()) << answer.error().reason;
  EXPECT_NE(answer.value().sdp.find("c=IN IP4 203.0.113.1\r\n"), std::string::npos)
      << answer.value().sdp;
  ASSERT_EQ(forwarding.published.size(), 1u);
  EXPECT_EQ(forwarding.published[0].a.interface, 0);
  EXPECT_EQ(forwarding.published[0].b.interface, 1);
}

TEST_F(OfferAnswer, ReplaceOriginAndIceRemoval) {
  OfferRequest r =
      offer_request("c1", "A",
                    audio_sdp("192.0.2.10", 4000,
                              "a=ice-ufrag:abcd\r\na=ice-pwd:0123456789abcdef0123\r\n"
                              "a=candidate:1 1 UDP 2130706431 192.0.2.10 4000 typ host\r\n"));
  r.flags.replace_origin = true;
  const auto offer = sessions.offer(r);
  ASSERT_TRUE(offer.ok()) << offer.error().reason;
  EXPECT_NE(offer.value().sdp.find("o=- 1545997027 1 IN IP4 203.0.113.1\r\n"), std::string::npos);
  EXPECT_EQ(offer.value().sdp.find("a=candidate"), std::string::npos);
  EXPECT_EQ(offer.value().sdp.find("a=ice-"), std::string::npos);
}

struct MuxCase {
  const char* name;
  RtcpMuxMode mode;
  bool offer_has_mux;
  bool expect_mux_toward_receiver;
};

TEST_F(OfferAnswer, RtcpMuxModes) {
  const MuxCase cases[] = {
      {"keep passes mux through", RtcpMuxMode::keep, true, true},
      {"keep passes no-mux through", RtcpMuxMode::keep, false, false},
      {"offer adds mux", RtcpMuxMode::offer, false, true},
      {"require adds mux", RtcpMuxMode::require, false, true},
      {"demux strips mux", RtcpMuxMode::demux, true, false},
      {"reject strips mux", RtcpMuxMode::reject, true, false},
  };
  int n = 0;
  for (const MuxCase& c : cases) {
    OfferRequest r =
        offer_request("mux" + std::to_string(n++), "A",
                      audio_sdp("192.0.2.10", 4000, c.offer_has_mux ? "a=rtcp-mux\r\n" : ""));
    r.rtcp_mux = c.mode;
    const auto offer = sessions.offer(r);
    ASSERT_TRUE(offer.ok()) << c.name;
    EXPECT_EQ(offer.value().sdp.find("a=rtcp-mux") != std::string::npos,
              c.expect_mux_toward_receiver)
        << c.name << "\n"
        << offer.value().sdp;
  }
}

TEST_F(OfferAnswer, MuxAddedByUsIsHiddenFromTheOffererAndStreamsFollowTheAnswer) {
  OfferRequest r = offer_request("c1", "A", audio_sdp("192.0.2.10", 4000));
  r.rtcp_mux = RtcpMuxMode::offer;
  ASSERT_TRUE(sessions.offer(r).ok());
  const auto answer = sessions.answer(
      answer_request("c1", "A", "B", audio_sdp("198.51.100.20", 5000, "a=rtcp-mux\r\n")));
  ASSERT_TRUE(answer.ok());
  EXPECT_EQ(answer.value().sdp.find("a=rtcp-mux"), std::string::npos) << answer.value().sdp;
  ASSERT_EQ(forwarding.published.size(), 1u);
  EXPECT_TRUE(forwarding.published[0].a.relay_rtcp.has_value()) << "A never offered mux";
  EXPECT_FALSE(forwarding.published[0].b.relay_rtcp.has_value()) << "B muxes";
}

struct RefusalCase {
  const char* name;
  OfferRequest request;
  const char* reason;
};

TEST_F(OfferAnswer, RefusalsUseRtpengineWording) {
  const std::string sdp = audio_sdp("192.0.2.10", 4000);
  OfferRequest same_tags = offer_request("c", "A", sdp);
  same_tags.to_tag = "A";
  OfferRequest unknown_interface = offer_request("c", "A", sdp);
  unknown_interface.direction = {"nope", "pub"};
  const RefusalCase cases[] = {
      {"no call-id", offer_request("", "A", sdp), reason::kNoCallId},
      {"no from-tag", offer_request("c", "", sdp), reason::kNoFromTag},
      {"no sdp", offer_request("c", "A", ""), reason::kNoSdp},
      {"garbage sdp", offer_request("c", "A", "hello"), reason::kBadSdp},
      {"fqdn in c=",
       offer_request("c", "A",
                     "v=0\r\no=- 1 1 IN IP4 h.example\r\ns=-\r\n"
                     "c=IN IP4 h.example\r\nt=0 0\r\nm=audio 4 RTP/AVP 0\r\n"),
       reason::kBadSdp},
      {"unknown interface", unknown_interface, reason::kUnknownInterface},
      {"to-tag equals from-tag", same_tags, reason::kSameTags},
  };
  for (const RefusalCase& c : cases) {
    const auto result = sessions.offer(c.request);
    ASSERT_FALSE(result.ok()) << c.name;
    EXPECT_EQ(result.error().reason, c.reason) << c.name;
  }
  EXPECT_EQ(sessions.size(), 0u) << "a refused offer leaves no call behind";
  EXPECT_EQ(sessions.statistics().ports_used, 0u);
}

TEST_F(OfferAnswer, AnswerRefusals) {
  const std::string sdp = audio_sdp("198.51.100.20", 5000);
  EXPECT_EQ(sessions.answer(answer_request("c1", "A", "", sdp)).error().reason, reason::kNoToTag);
  EXPECT_EQ(sessions.answer(answer_request("c1", "A", "B", sdp)).error().reason,
            reason::kUnknownCall);
  ASSERT_TRUE(sessions.offer(offer_request("c1", "A", audio_sdp("192.0.2.10", 4000))).ok());
  EXPECT_EQ(sessions.answer(answer_request("c1", "X", "B", sdp)).error().reason,
            reason::kUnknownTag);
  EXPECT_EQ(sessions.answer(answer_request("c1", "A", "A", sdp)).error().reason, reason::kSameTags);
}

TEST_F(OfferAnswer, DisabledMediaGetsNoPorts) {
  const std::string sdp = audio_sdp("192.0.2.10", 4000) + "m=video 0 RTP/AVP 96\r\n";
  const auto offer = sessions.offer(offer_request("c1", "A", sdp));
  ASSERT_TRUE(offer.ok()) << offer.error().reason;
  EXPECT_EQ(media_port(offer.value().sdp, 1), 0);
  EXPECT_EQ(sessions.statistics().ports_used, 4u) << "two pairs for the audio only";
}

}  // namespace
}  // namespace rr::session::testing
