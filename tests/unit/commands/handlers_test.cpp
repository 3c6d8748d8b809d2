// Whole ng requests through handle(): golden offer/answer in rtpengine's shape, delete of an
// unknown call (warning or fatal), load limit, query/list/statistics reply shapes.
#include "control/commands/handlers.hpp"

#include <gtest/gtest.h>

#include "control/bencode/encode.hpp"
#include "control/commands/reply.hpp"
#include "tests/unit/session/fixture.hpp"

namespace rr::commands {
namespace {

using bencode::Value;
using session::testing::audio_sdp;

Value request(std::initializer_list<std::pair<const char*, Value>> entries) {
  Value dict = Value::dict();
  for (const auto& [key, value] : entries) dict.set(key, value);
  return dict;
}

Value list_of(std::initializer_list<const char*> items) {
  Value list = Value::list();
  for (const char* item : items) list.push_back(item);
  return list;
}

std::string text(const Value& reply, const char* key) {
  return std::string(reply.get_string(key).value_or("<absent>"));
}

class Handlers : public ::testing::Test {
 protected:
  Value offer(const char* call_id) {
    return handle(sessions, request({{"command", "offer"},
                                     {"call-id", call_id},
                                     {"from-tag", "A"},
                                     {"sdp", audio_sdp("192.0.2.10", 4000)},
                                     {"flags", list_of({"trust-address"})}}));
  }
  Value answer(const char* call_id) {
    return handle(sessions, request({{"command", "answer"},
                                     {"call-id", call_id},
                                     {"from-tag", "A"},
                                     {"to-tag", "B"},
                                     {"sdp", audio_sdp("198.51.100.20", 5000)}}));
  }
  // Call "c1" answered, with `c` as the data plane's counters of leg A's RTP stream; returns
  // the query reply.
  Value query_with_a_counters(const session::StreamCounters& c) {
    offer("c1");
    answer("c1");
    const session::Call* call = sessions.find("c1");
    if (call == nullptr) return Value::dict();
    forwarding.counters[call->legs.at("A").media.at(0).relay->rtp()] = c;
    return handle(sessions, request({{"command", "query"}, {"call-id", "c1"}}));
  }
  static const Value* first_stream_stats(const Value& query, const char* tag) {
    const Value& media = query.find("tags")->find(tag)->find("medias")->as_list()->at(0);
    return media.find("streams")->as_list()->at(0).find("stats");
  }

  session::testing::FakeClock clock;
  session::testing::RecordingForwarding forwarding;
  session::SessionsConfig config = [this] {
    session::SessionsConfig c = session::testing::test_config(clock);
    c.max_sessions = 2;
    return c;
  }();
  session::Sessions sessions{config, forwarding};
};

TEST_F(Handlers, OfferAndAnswerReplies) {
  const Value o = offer("c1");
  EXPECT_EQ(text(o, "result"), "ok");
  EXPECT_NE(text(o, "sdp").find("c=IN IP4 203.0.113.1"), std::string::npos);
  EXPECT_EQ(o.find("warning"), nullptr);
  const Value a = answer("c1");
  EXPECT_EQ(text(a, "result"), "ok");
  EXPECT_EQ(forwarding.live.size(), 1u);
}

TEST_F(Handlers, UnknownFlagIsAWarningOnAnOkReply) {
  const Value o = handle(sessions, request({{"command", "offer"},
                                            {"call-id", "c1"},
                                            {"from-tag", "A"},
                                            {"sdp", audio_sdp("192.0.2.10", 4000)},
                                            {"rtpp-flags", "trust-address no-such-flag"}}));
  EXPECT_EQ(text(o, "result"), "ok");
  EXPECT_EQ(text(o, "warning"), "Unknown flag encountered: 'no-such-flag'");
}

TEST_F(Handlers, DeleteUnknownCallWarnsUnlessFatal) {
  const Value soft =
      handle(sessions, request({{"command", "delete"}, {"call-id", "x"}, {"from-tag", "A"}}));
  EXPECT_EQ(text(soft, "result"), "ok");
  EXPECT_EQ(text(soft, "warning"), "Call-ID not found or tags didn't match");
  const Value fatal = handle(sessions, request({{"command", "delete"},
                                                {"call-id", "x"},
                                                {"from-tag", "A"},
                                                {"flags", list_of({"fatal"})}}));
  EXPECT_EQ(text(fatal, "result"), "error");
  EXPECT_EQ(text(fatal, "error-reason"), "Call-ID not found or tags didn't match");
}

TEST_F(Handlers, DeleteReturnsFinalStatsInQueryShape) {
  offer("c1");
  answer("c1");
  const Value d =
      handle(sessions, request({{"command", "delete"}, {"call-id", "c1"}, {"from-tag", "A"}}));
  EXPECT_EQ(text(d, "result"), "ok");
  for (const char* key : {"created", "last signal", "tags", "totals"})
    EXPECT_NE(d.find(key), nullptr) << key;
  EXPECT_TRUE(forwarding.live.empty());
}

TEST_F(Handlers, SessionLimitIsLoadLimitOnlyForClientsThatSupportIt) {
  offer("c1");
  offer("c2");
  const Value plain = offer("c3");
  EXPECT_EQ(text(plain, "result"), "error");
  EXPECT_EQ(text(plain, "error-reason"), "Parallel session limit reached");
  const Value aware = handle(sessions, request({{"command", "offer"},
                                                {"call-id", "c3"},
                                                {"from-tag", "A"},
                                                {"sdp", audio_sdp("192.0.2.10", 4000)},
                                                {"supports", list_of({"load limit"})}}));
  EXPECT_EQ(text(aware, "result"), "load limit");
  EXPECT_EQ(text(aware, "message"), "Parallel session limit reached");
}

TEST_F(Handlers, QueryShape) {
  offer("c1");
  answer("c1");
  const Value q = handle(sessions, request({{"command", "query"}, {"call-id", "c1"}}));
  ASSERT_EQ(text(q, "result"), "ok");
  const Value* tag = q.find("tags")->find("A");
  ASSERT_NE(tag, nullptr);
  EXPECT_EQ(text(*tag, "in dialogue with"), "B");
  const Value& media = tag->find("medias")->as_list()->at(0);
  EXPECT_EQ(media.get_int("index"), 1);
  EXPECT_EQ(text(media, "type"), "audio");
  EXPECT_EQ(text(media, "protocol"), "RTP/AVP");
  const Value& stream = media.find("streams")->as_list()->at(0);
  for (const char* key : {"local port", "endpoint", "advertised endpoint", "stats"})
    EXPECT_NE(stream.find(key), nullptr) << key;
  EXPECT_EQ(stream.find("endpoint")->get_int("port"), 4000);
  EXPECT_EQ(text(*stream.find("endpoint"), "family"), "IPv4");
  EXPECT_EQ(stream.find("stats")->get_int("packets"), 0);

  const Value unknown = handle(sessions, request({{"command", "query"}, {"call-id", "zz"}}));
  EXPECT_EQ(text(unknown, "error-reason"), "Unknown call-id");
}

TEST_F(Handlers, QueryStreamStatsCarryLossJitterAndSrtpDrops) {
  session::StreamCounters c;
  c.packets = 100, c.errors = 7, c.lost = 3, c.jitter_ms = 12;
  c.srtp_auth_failed = 5, c.srtp_replayed = 2;
  const Value q = query_with_a_counters(c);
  const Value* stats = first_stream_stats(q, "A");
  ASSERT_NE(stats, nullptr);
  EXPECT_EQ(stats->get_int("errors"), 7);
  EXPECT_EQ(stats->get_int("lost"), 3);
  EXPECT_EQ(stats->get_int("jitter"), 12);
  EXPECT_EQ(stats->get_int("SRTP auth failures"), 5);
  EXPECT_EQ(stats->get_int("SRTP replays"), 2);
  EXPECT_EQ(stats->find("SRTP errors"), nullptr) << "zero SRTP counters stay out of the reply";
}

TEST_F(Handlers, QueryStreamStatsShowPeerReportsOnlyOnceReceived) {
  session::StreamCounters c;
  c.rtcp_reports = 2, c.reported_fraction_lost = 64, c.reported_lost = -1, c.reported_jitter_ms = 20;
  const Value q = query_with_a_counters(c);
  const Value* reported = first_stream_stats(q, "A");
  ASSERT_NE(reported, nullptr);
  EXPECT_EQ(reported->get_int("reported lost"), -1);
  EXPECT_EQ(reported->get_int("reported fraction lost"), 64);
  EXPECT_EQ(reported->get_int("reported jitter"), 20);
  const Value* silent = first_stream_stats(q, "B");
  ASSERT_NE(silent, nullptr);
  for (const char* key : {"reported lost", "reported fraction lost", "reported jitter"})
    EXPECT_EQ(silent->find(key), nullptr) << key << ": no report, no key";
  EXPECT_EQ(q.find("totals")->find("RTP")->find("reported lost"), nullptr) << "not summed";
}

TEST_F(Handlers, QueryOfABigCallStaysUnderOneDatagram) {
  std::string sdp = audio_sdp("192.0.2.10", 4000);
  for (int i = 0; i < 12; ++i) sdp += "m=video " + std::to_string(4100 + 2 * i) + " RTP/AVP 96\r\n";
  Value o =
      handle(sessions,
             request({{"command", "offer"}, {"call-id", "big"}, {"from-tag", "A"}, {"sdp", sdp}}));
  ASSERT_EQ(text(o, "result"), "ok") << text(o, "error-reason");
  const Value q = handle(sessions, request({{"command", "query"}, {"call-id", "big"}}));
  EXPECT_LE(bencode::encode(q).size(), kMaxStatsReplyBytes);
  EXPECT_NE(q.find("tags")->find("A"), nullptr) << "tags survive trimming";
}

TEST_F(Handlers, ListAndStatistics) {
  offer("c1");
  offer("c2");
  const Value l = handle(sessions, request({{"command", "list"}, {"limit", 1}}));
  ASSERT_NE(l.find("calls"), nullptr);
  EXPECT_EQ(l.find("calls")->as_list()->size(), 1u);
  const Value s = handle(sessions, request({{"command", "statistics"}}));
  const Value* current = s.find("statistics")->find("currentstatistics");
  ASSERT_NE(current, nullptr);
  EXPECT_EQ(current->get_int("sessionsown"), 2);
  EXPECT_EQ(s.find("statistics")->find("totalstatistics")->get_int("managedsessions"), 2);
}

TEST_F(Handlers, UnknownAndMissingCommands) {
  EXPECT_EQ(text(handle(sessions, request({{"command", "frobnicate"}})), "error-reason"),
            "Unrecognized command");
  EXPECT_EQ(text(handle(sessions, request({{"command", "ping"}})), "error-reason"),
            "Unrecognized command")
      << "ping is the server's";
  EXPECT_EQ(text(handle(sessions, request({})), "result"), "error");
}

}  // namespace
}  // namespace rr::commands
