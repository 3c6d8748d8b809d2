// Re-offers, forked answers, delete (whole call and by to-tag), limits, and what the data
// plane saw for each.
#include <gtest/gtest.h>

#include "tests/unit/session/fixture.hpp"

namespace rr::session::testing {
namespace {

class Lifecycle : public ::testing::Test {
 protected:
  // Offer from A, answer from B; returns {port advertised to B, port advertised to A}.
  std::pair<uint16_t, uint16_t> establish(const std::string& call_id = "c1") {
    const auto offer = sessions.offer(offer_request(call_id, "A", audio_sdp("192.0.2.10", 4000)));
    const auto answer =
        sessions.answer(answer_request(call_id, "A", "B", audio_sdp("198.51.100.20", 5000)));
    EXPECT_TRUE(offer.ok() && answer.ok());
    return {media_port(offer.value().sdp), media_port(answer.value().sdp)};
  }

  FakeClock clock;
  RecordingForwarding forwarding;
  Sessions sessions{test_config(clock), forwarding};
};

struct ReofferCase {
  const char* name;
  std::string sdp;
  bool port_latching;
  bool receiver_keeps_ports;
  size_t republished;  // publishes after the re-offer
};

TEST_F(Lifecycle, ReofferKeepsOrRenewsReceiverPorts) {
  const ReofferCase cases[] = {
      {"unchanged endpoint keeps ports", audio_sdp("192.0.2.10", 4000), false, true, 0},
      {"moved endpoint: fresh ports, followed", audio_sdp("192.0.2.77", 4100), false, false, 1},
      {"moved endpoint with port-latching", audio_sdp("192.0.2.77", 4100), true, true, 1},
  };
  int n = 0;
  for (const ReofferCase& c : cases) {
    const std::string call_id = "re" + std::to_string(n++);
    const auto [b_port, a_port] = establish(call_id);
    const size_t before = forwarding.published.size();
    OfferRequest r = offer_request(call_id, "A", c.sdp);
    r.to_tag = "B";
    r.flags.port_latching = c.port_latching;
    const auto reoffer = sessions.offer(r);
    ASSERT_TRUE(reoffer.ok()) << c.name;
    EXPECT_EQ(media_port(reoffer.value().sdp) == b_port, c.receiver_keeps_ports) << c.name;
    ASSERT_EQ(forwarding.published.size() - before, c.republished) << c.name;
    if (c.republished) {
      EXPECT_EQ(forwarding.published.back().a.peer_rtp.port, 4100) << c.name << ": followed";
    }
    EXPECT_EQ(forwarding.live.size(), static_cast<size_t>(n)) << c.name << ": one path per call";
  }
}

TEST_F(Lifecycle, ReofferFromTheCalleeSwapsRoles) {
  const auto [b_port, a_port] = establish();
  OfferRequest r = offer_request("c1", "B", audio_sdp("198.51.100.20", 5000, "a=sendonly\r\n"));
  r.to_tag = "A";
  const auto reoffer = sessions.offer(r);
  ASSERT_TRUE(reoffer.ok()) << reoffer.error().reason;
  EXPECT_EQ(media_port(reoffer.value().sdp), a_port) << "A's relay port, unchanged";
  const auto reanswer = sessions.answer(
      answer_request("c1", "B", "A", audio_sdp("192.0.2.10", 4000, "a=recvonly\r\n")));
  ASSERT_TRUE(reanswer.ok()) << reanswer.error().reason;
  EXPECT_EQ(media_port(reanswer.value().sdp), b_port);
  EXPECT_EQ(forwarding.live.size(), 1u);
}

TEST_F(Lifecycle, ForkedAnswersLatestWinsAndLosingForkDeletesAlone) {
  ASSERT_TRUE(sessions.offer(offer_request("c1", "A", audio_sdp("192.0.2.10", 4000))).ok());
  ASSERT_TRUE(
      sessions.answer(answer_request("c1", "A", "B1", audio_sdp("198.51.100.21", 5000))).ok());
  ASSERT_TRUE(
      sessions.answer(answer_request("c1", "A", "B2", audio_sdp("198.51.100.22", 6000))).ok());
  ASSERT_EQ(forwarding.live.size(), 1u);
  EXPECT_EQ(forwarding.live[0].b.peer_rtp, (Endpoint{*IpAddress::parse("198.51.100.22"), 6000}));
  EXPECT_EQ(sessions.statistics().ports_used, 4u) << "forks share the offer's ports";

  DeleteRequest d;
  d.call_id = "c1", d.from_tag = "A", d.to_tag = "B1";
  const auto deleted = sessions.delete_call(d);
  ASSERT_TRUE(deleted.ok());
  EXPECT_FALSE(deleted.value().whole_call);
  EXPECT_EQ(sessions.size(), 1u);
  EXPECT_EQ(forwarding.live.size(), 1u) << "the winning fork still relays";

  d.to_tag = "B2";
  ASSERT_TRUE(sessions.delete_call(d).ok());
  EXPECT_EQ(sessions.size(), 0u);
  EXPECT_TRUE(forwarding.live.empty());
  EXPECT_EQ(sessions.statistics().ports_used, 0u);
}

TEST_F(Lifecycle, DeleteRetiresEverythingAndUnknownCallIsNotFound) {
  establish();
  DeleteRequest d;
  d.call_id = "c1", d.from_tag = "A";
  const auto deleted = sessions.delete_call(d);
  ASSERT_TRUE(deleted.ok());
  EXPECT_TRUE(deleted.value().whole_call);
  EXPECT_EQ(deleted.value().final_stats.legs.size(), 2u);
  EXPECT_EQ(forwarding.retired.size(), 1u);
  EXPECT_TRUE(forwarding.live.empty());
  EXPECT_EQ(sessions.statistics().ports_used, 0u);

  const auto again = sessions.delete_call(d);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, ErrorKind::not_found);
  EXPECT_EQ(again.error().reason, "Call-ID not found or tags didn't match");
}

TEST_F(Lifecycle, SessionLimitCountsRejections) {
  FakeClock c;
  SessionsConfig config = test_config(c);
  config.max_sessions = 1;
  Sessions limited(config, forwarding);
  ASSERT_TRUE(limited.offer(offer_request("c1", "A", audio_sdp("192.0.2.10", 4000))).ok());
  ASSERT_TRUE(limited.offer(offer_request("c1", "A", audio_sdp("192.0.2.10", 4000))).ok())
      << "a re-offer is not a new session";
  const auto refused = limited.offer(offer_request("c2", "A", audio_sdp("192.0.2.10", 4000)));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::session_limit);
  EXPECT_EQ(refused.error().reason, "Parallel session limit reached");
  EXPECT_EQ(limited.statistics().rejected_sessions, 1u);
}

TEST_F(Lifecycle, PortExhaustionRollsBack) {
  FakeClock c;
  Sessions small(test_config(c, 10000, 10005), forwarding);  // three pairs
  ASSERT_TRUE(small.offer(offer_request("c1", "A", audio_sdp("192.0.2.10", 4000))).ok());
  const auto refused = small.offer(offer_request("c2", "A", audio_sdp("192.0.2.10", 4000)));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().reason, "Ran out of ports");
  EXPECT_EQ(small.size(), 1u);
  EXPECT_EQ(small.statistics().ports_used, 4u) << "the half-allocated pair went back";
}

TEST_F(Lifecycle, ListAndQuery) {
  establish("c1");
  establish("c2");
  EXPECT_EQ(sessions.list({}), (std::vector<std::string>{"c1", "c2"}));
  EXPECT_EQ(sessions.list({1}), (std::vector<std::string>{"c1"}));
  forwarding.counters[forwarding.live[0].a.relay_rtp] = {10, 1720, 1};
  QueryRequest q;
  q.call_id = "c1";
  const auto snapshot = sessions.query(q);
  ASSERT_TRUE(snapshot.ok());
  EXPECT_EQ(snapshot.value().created, clock.unix_now);
  EXPECT_EQ(snapshot.value().rtp_totals.packets, 10u);
  ASSERT_EQ(snapshot.value().legs.size(), 2u);
  EXPECT_EQ(snapshot.value().legs[0].tag, "A");
  EXPECT_EQ(snapshot.value().legs[0].peer_tag, "B");
  ASSERT_EQ(snapshot.value().legs[0].medias.size(), 1u);
  EXPECT_EQ(snapshot.value().legs[0].medias[0].streams.size(), 2u) << "RTP and RTCP";
  q.call_id = "nope";
  EXPECT_EQ(sessions.query(q).error().reason, "Unknown call-id");
}

}  // namespace
}  // namespace rr::session::testing
