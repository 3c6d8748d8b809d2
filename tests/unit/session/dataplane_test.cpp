// Sessions over the real relay/table adapter: entries appear at the relay ports when the
// answer is processed, point at the right peers, and vanish (and are reclaimed) on delete.
#include <gtest/gtest.h>

#include <set>

#include "control/dataplane/table_forwarding.hpp"
#include "tests/unit/session/fixture.hpp"

namespace rr::session::testing {
namespace {

class Dataplane : public ::testing::Test {
 protected:
  Dataplane() {
    table::TableConfig config;
    config.local_addresses = {*IpAddress::parse("203.0.113.1"), *IpAddress::parse("10.0.0.1"),
                              *IpAddress::parse("2001:db8::1")};
    table = std::make_unique<table::ForwardingTable>(config);
    forwarding =
        std::make_unique<dataplane::TableForwarding>(*table, dataplane::DataplaneConfig{{7, 8}});
    sessions = std::make_unique<Sessions>(test_config(clock), *forwarding);
  }

  const table::ForwardingEntry* at(uint16_t port) const { return table->lookup(0, port); }

  FakeClock clock;
  std::unique_ptr<table::ForwardingTable> table;
  std::unique_ptr<dataplane::TableForwarding> forwarding;
  std::unique_ptr<Sessions> sessions;
};

TEST_F(Dataplane, AnswerPublishesFourEntriesAndDeleteRetiresThem) {
  OfferRequest request = offer_request("c1", "A", audio_sdp("192.0.2.10", 4000));
  request.tos = 0x88;  // AF41
  const auto offer = sessions->offer(request);
  ASSERT_TRUE(offer.ok());
  const uint16_t b_port = media_port(offer.value().sdp);
  EXPECT_EQ(at(b_port), nullptr) << "no media before the answer";
  const auto answer =
      sessions->answer(answer_request("c1", "A", "B", audio_sdp("198.51.100.20", 5000)));
  ASSERT_TRUE(answer.ok());
  const uint16_t a_port = media_port(answer.value().sdp);

  struct Expect {
    uint16_t port;
    table::StreamKind kind;
    Endpoint source, egress_source, destination;
  };
  const IpAddress relay = *IpAddress::parse("203.0.113.1");
  const IpAddress a = *IpAddress::parse("192.0.2.10"), b = *IpAddress::parse("198.51.100.20");
  const Expect rows[] = {
      {a_port, table::StreamKind::rtp, {a, 4000}, {relay, b_port}, {b, 5000}},
      {uint16_t(a_port + 1),
       table::StreamKind::rtcp,
       {a, 4001},
       {relay, uint16_t(b_port + 1)},
       {b, 5001}},
      {b_port, table::StreamKind::rtp, {b, 5000}, {relay, a_port}, {a, 4000}},
      {uint16_t(b_port + 1),
       table::StreamKind::rtcp,
       {b, 5001},
       {relay, uint16_t(a_port + 1)},
       {a, 4001}},
  };
  for (const Expect& row : rows) {
    const table::ForwardingEntry* entry = at(row.port);
    ASSERT_NE(entry, nullptr) << row.port;
    EXPECT_EQ(entry->kind, row.kind) << row.port;
    EXPECT_EQ(entry->expected_source, row.source) << row.port;
    EXPECT_EQ(entry->egress.source, row.egress_source) << row.port;
    EXPECT_EQ(entry->egress.destination->load(), row.destination) << row.port;
    EXPECT_EQ(entry->egress.port_id, 7) << row.port;
    EXPECT_EQ(entry->egress.dscp, 34) << row.port << ": TOS 0x88 is DSCP 34";
  }
  EXPECT_EQ(forwarding->stream_counters({relay, a_port}).packets, 0u);

  DeleteRequest d;
  d.call_id = "c1", d.from_tag = "A";
  ASSERT_TRUE(sessions->delete_call(d).ok());
  for (const Expect& row : rows) EXPECT_EQ(at(row.port), nullptr) << row.port;
  EXPECT_EQ(table->retired_pending(), 4u);
  sessions->tick();  // no worker online: the grace period is over at once
  EXPECT_EQ(table->retired_pending(), 0u);
}

TEST_F(Dataplane, SrtpLegGetsItsOwnSessionsAndCountsItsDrops) {
  OfferRequest request = offer_request("c1", "A", audio_sdp("192.0.2.10", 4000));
  request.transport_protocol = "RTP/SAVP";
  const auto offer = sessions->offer(request);
  ASSERT_TRUE(offer.ok()) << offer.error().reason;
  const uint16_t b_port = media_port(offer.value().sdp);
  const std::string b_sdp =
      "v=0\r\no=- 1 1 IN IP4 198.51.100.20\r\ns=-\r\n"
      "c=IN IP4 198.51.100.20\r\nt=0 0\r\nm=audio 5000 RTP/SAVP 0\r\n" +
      crypto_line(5, srtp::CryptoSuite::aes_cm_128_hmac_sha1_80, 0x42);
  const auto answer = sessions->answer(answer_request("c1", "A", "B", b_sdp));
  ASSERT_TRUE(answer.ok()) << answer.error().reason;
  const uint16_t a_port = media_port(answer.value().sdp);

  struct Expect {
    uint16_t port;
    bool unprotect, protect;
  };
  // A is plain, B is SRTP: what arrives from B is unprotected, what goes to B protected.
  const Expect rows[] = {{a_port, false, true},
                         {uint16_t(a_port + 1), false, true},
                         {b_port, true, false},
                         {uint16_t(b_port + 1), true, false}};
  std::set<const void*> sessions_seen;
  for (const Expect& row : rows) {
    const table::ForwardingEntry* entry = at(row.port);
    ASSERT_NE(entry, nullptr) << row.port;
    EXPECT_EQ(entry->srtp.unprotect != nullptr, row.unprotect) << row.port;
    EXPECT_EQ(entry->srtp.protect != nullptr, row.protect) << row.port;
    EXPECT_EQ(entry->hot.unprotect, entry->srtp.unprotect.get()) << row.port;
    EXPECT_EQ(entry->hot.protect, entry->srtp.protect.get()) << row.port;
    for (const auto& session : {entry->srtp.unprotect, entry->srtp.protect})
      if (session) {
        EXPECT_TRUE(sessions_seen.insert(session.get()).second) << "one per entry";
      }
  }

  const Endpoint b_relay{*IpAddress::parse("203.0.113.1"), b_port};
  auto& drops = at(b_port)->state->drops;
  drops[packet::index(packet::DropReason::srtp_auth_failed)] += 4;
  drops[packet::index(packet::DropReason::srtp_replay)] += 2;
  drops[packet::index(packet::DropReason::not_rtp)] += 1;
  const StreamCounters counters = forwarding->stream_counters(b_relay);
  EXPECT_EQ(counters.srtp_auth_failed, 4u);
  EXPECT_EQ(counters.srtp_replayed, 2u);
  EXPECT_EQ(counters.srtp_errors, 0u);
  EXPECT_EQ(counters.errors, 7u);
}

struct MuxCase {
  const char* name;
  bool a_offers_mux;  // B always answers with mux: A non-mux bridges, A mux does not
};

TEST_F(Dataplane, MuxLegSendsItsRtcpToTheOtherLegsRtcpPort) {
  const IpAddress relay = *IpAddress::parse("203.0.113.1");
  const IpAddress a = *IpAddress::parse("192.0.2.10"), b = *IpAddress::parse("198.51.100.20");
  const MuxCase cases[] = {{"A non-mux, B mux", false}, {"both mux", true}};
  int n = 0;
  for (const MuxCase& c : cases) {
    const std::string call = "mux" + std::to_string(n++);
    OfferRequest request = offer_request(
        call, "A", audio_sdp("192.0.2.10", 4000, c.a_offers_mux ? "a=rtcp-mux\r\n" : ""));
    request.rtcp_mux = RtcpMuxMode::offer;
    const auto offer = sessions->offer(request);
    ASSERT_TRUE(offer.ok()) << c.name;
    const uint16_t b_port = media_port(offer.value().sdp);
    const auto answer = sessions->answer(
        answer_request(call, "A", "B", audio_sdp("198.51.100.20", 5000, "a=rtcp-mux\r\n")));
    ASSERT_TRUE(answer.ok()) << c.name;
    const uint16_t a_port = media_port(answer.value().sdp);

    // B's mux port: RTP to A's RTP from our A-side RTP port, RTCP (only if A does not mux)
    // to A's RTCP from our A-side RTCP port.
    const table::ForwardingEntry* from_b = at(b_port);
    ASSERT_NE(from_b, nullptr) << c.name;
    EXPECT_EQ(from_b->kind, table::StreamKind::rtp_mux) << c.name;
    EXPECT_EQ(from_b->egress.source, (Endpoint{relay, a_port})) << c.name;
    EXPECT_EQ(from_b->egress.destination->load(), (Endpoint{a, 4000})) << c.name;
    EXPECT_EQ(from_b->hot.rtcp_destination != nullptr, !c.a_offers_mux) << c.name;
    EXPECT_EQ(from_b->hot.rtcp_destination, from_b->rtcp_egress.destination.get()) << c.name;
    const table::ForwardingEntry* from_a = at(a_port);
    ASSERT_NE(from_a, nullptr) << c.name;
    EXPECT_EQ(from_a->hot.rtcp_destination, nullptr) << c.name << ": A's RTP goes to B's one port";
    EXPECT_EQ(from_a->egress.source, (Endpoint{relay, b_port})) << c.name;
    if (c.a_offers_mux) {
      EXPECT_EQ(from_a->kind, table::StreamKind::rtp_mux) << c.name;
      continue;
    }
    EXPECT_EQ(from_b->rtcp_egress.source, (Endpoint{relay, uint16_t(a_port + 1)})) << c.name;
    EXPECT_EQ(from_b->rtcp_egress.destination->load(), (Endpoint{a, 4001})) << c.name;
    EXPECT_EQ(from_b->rtcp_egress.port_id, 7) << c.name;
    EXPECT_EQ(&from_b->egress_for(true), &from_b->rtcp_egress) << c.name;
    EXPECT_EQ(&from_b->egress_for(false), &from_b->egress) << c.name;
    // The reverse: A's RTCP port sends to B's single port, from our B-side mux port.
    const table::ForwardingEntry* a_rtcp = at(uint16_t(a_port + 1));
    ASSERT_NE(a_rtcp, nullptr) << c.name;
    EXPECT_EQ(a_rtcp->kind, table::StreamKind::rtcp) << c.name;
    EXPECT_EQ(a_rtcp->egress.source, (Endpoint{relay, b_port})) << c.name;
    EXPECT_EQ(a_rtcp->egress.destination->load(), (Endpoint{b, 5000})) << c.name;
    EXPECT_EQ(a_rtcp->egress.destination.get(), from_a->egress.destination.get())
        << c.name << ": B's one latch steers A's RTP and RTCP";
    EXPECT_EQ(at(uint16_t(b_port + 1)), nullptr) << c.name << ": B muxes";
  }
}

TEST_F(Dataplane, PortOutsideTheTableIsRefusedWholly) {
  FakeClock c;
  Sessions outside(test_config(c, 20000, 20099), *forwarding);  // table covers 10000-10499
  ASSERT_TRUE(outside.offer(offer_request("c1", "A", audio_sdp("192.0.2.10", 4000))).ok());
  ASSERT_TRUE(
      outside.answer(answer_request("c1", "A", "B", audio_sdp("198.51.100.20", 5000))).ok());
  EXPECT_EQ(outside.find("c1")->published.size(), 0u);
}

}  // namespace
}  // namespace rr::session::testing
