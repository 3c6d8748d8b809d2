// The per-stream quality keys of query and delete replies: MOS, maximum jitter, duplicates,
// out-of-order and the RTCP round trip, in rtpengine's units, present only when measured.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "control/commands/handlers.hpp"
#include "tests/unit/session/fixture.hpp"

namespace rr::commands {
namespace {

using bencode::Value;
using session::testing::audio_sdp;

Value request(const char* command, const char* call_id) {
  Value dict = Value::dict();
  dict.set("command", command);
  dict.set("call-id", call_id);
  return dict;
}

class QueryStats : public ::testing::Test {
 protected:
  // Call `call_id` answered; leg A's RTP stream measures `c`. Returns the reply to `command`.
  Value reply_with(const char* call_id, const session::StreamCounters& c, const char* command) {
    Value offer = request("offer", call_id);
    offer.set("from-tag", "A");
    offer.set("sdp", audio_sdp("192.0.2.10", 4000));
    EXPECT_EQ(handle(sessions, offer).get_string("result"), "ok");
    Value answer = request("answer", call_id);
    answer.set("from-tag", "A");
    answer.set("to-tag", "B");
    answer.set("sdp", audio_sdp("198.51.100.20", 5000));
    EXPECT_EQ(handle(sessions, answer).get_string("result"), "ok");
    const session::Call* call = sessions.find(call_id);
    if (call == nullptr) return Value::dict();
    forwarding.counters[call->legs.at("A").media.at(0).relay->rtp()] = c;
    Value last = request(command, call_id);
    if (std::string(command) == "delete") last.set("from-tag", "A");
    return handle(sessions, last);
  }
  static const Value* stats_of_a(const Value& reply) {
    const Value* tags = reply.find("tags");
    const Value* leg = tags ? tags->find("A") : nullptr;
    const Value* medias = leg ? leg->find("medias") : nullptr;
    if (!medias || !medias->as_list() || medias->as_list()->empty()) return nullptr;
    const Value* streams = medias->as_list()->front().find("streams");
    if (!streams || !streams->as_list() || streams->as_list()->empty()) return nullptr;
    return streams->as_list()->front().find("stats");
  }

  session::testing::FakeClock clock;
  session::testing::RecordingForwarding forwarding;
  session::Sessions sessions{session::testing::test_config(clock), forwarding};
};

struct Row {
  const char* name;
  session::StreamCounters counters;
  // nullopt: the key must be absent (zero counters stay out, to keep the reply one datagram)
  std::optional<int64_t> max_jitter, duplicates, out_of_order, mos, round_trip_us;
};

std::vector<Row> rows() {
  session::StreamCounters measured;
  measured.packets = 500, measured.max_jitter_ms = 31, measured.duplicates = 4;
  measured.out_of_order = 2, measured.mos_x10 = 41, measured.round_trips = 3;
  measured.round_trip_us = 12'500;
  session::StreamCounters no_rtcp = measured;
  no_rtcp.round_trips = 0, no_rtcp.round_trip_us = 0;
  return {
      {"measured", measured, 31, 4, 2, 41, 12'500},
      {"no round trip yet", no_rtcp, 31, 4, 2, 41, std::nullopt},
      {"nothing received", {}, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt},
  };
}

TEST_F(QueryStats, QueryAndDeleteCarryTheQualityKeys) {
  for (const char* command : {"query", "delete"}) {
    for (const Row& row : rows()) {
      SCOPED_TRACE(std::string(command) + ": " + row.name);
      const std::string call_id = std::string(command) + "-" + row.name;
      const Value reply = reply_with(call_id.c_str(), row.counters, command);
      const Value* stats = stats_of_a(reply);
      ASSERT_NE(stats, nullptr);
      EXPECT_EQ(stats->get_int("max jitter"), row.max_jitter);
      EXPECT_EQ(stats->get_int("duplicates"), row.duplicates);
      EXPECT_EQ(stats->get_int("out of order"), row.out_of_order);
      EXPECT_EQ(stats->get_int("MOS"), row.mos);
      EXPECT_EQ(stats->get_int("round-trip time"), row.round_trip_us);
      // Totals sum what adds up (duplicates) and never show a per-stream estimate.
      const Value* rtp_totals = reply.find("totals")->find("RTP");
      EXPECT_EQ(rtp_totals->get_int("duplicates"), row.duplicates);
      EXPECT_EQ(rtp_totals->find("MOS"), nullptr);
      EXPECT_EQ(rtp_totals->find("round-trip time"), nullptr);
    }
  }
}

}  // namespace
}  // namespace rr::commands
