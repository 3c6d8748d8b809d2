// Whole requests through framing, cache, decoding and dispatch, without sockets.
#include <gtest/gtest.h>

#include "control/ng/processor.hpp"
#include "tests/unit/ng/counting_handler.hpp"

namespace rr::ng {
namespace {

using namespace std::chrono_literals;
using testing_support::CountingHandler;

const Endpoint kProxy{IpAddress::v4(192, 0, 2, 10), 40000};

struct Row {
  const char* name;
  std::string request;
  std::optional<std::string> reply;  // nothing: no reply at all
  int handler_calls;
  bool bad;
};

TEST(RequestProcessor, AnswersEachKindOfRequest) {
  const Row rows[] = {
      {"ping", "5323_1 d7:command4:pinge", "5323_1 d6:result4:ponge", 0, false},
      {"ping_json", R"(j1 {"command":"ping"})", R"(j1 {"result":"pong"})", 0, false},
      {"offer_to_handler",
       "k1 d3:sdp4:v=0\n7:call-id1:c8:from-tag1:f5:flagsl5:truste7:command5:offere",
       "k1 d6:result2:ok7:handled5:offere", 1, false},
      {"answer_json", R"(k2 {"command":"answer","call-id":"c"})",
       R"(k2 {"result":"ok","handled":"answer"})", 1, false},
      {"unknown", "u1 d7:command7:unknowne",
       "u1 d6:result5:error12:error-reason20:Unrecognized commande", 0, true},
      {"no_command", "n1 d7:call-id1:ce",
       "n1 d6:result5:error12:error-reason36:Dictionary contains no key \"command\"e", 0, true},
      {"command_not_string", "n2 d7:commandi1ee",
       "n2 d6:result5:error12:error-reason36:Dictionary contains no key \"command\"e", 0, true},
      // Texts and cases checked against rtpengine 10.5 (Debian 12).
      {"malformed", "m1 d7:command4:ping",
       "m1 d6:result5:error12:error-reason35:Could not decode bencode dictionarye", 0, true},
      {"dict_key_not_string", "m2 dxe",
       "m2 d6:result5:error12:error-reason35:Could not decode bencode dictionarye", 0, true},
      {"list_body", "m3 l4:pinge",
       "m3 d6:result5:error12:error-reason22:Invalid NG data formate", 0, true},
      {"int_body", "m4 i1e", "m4 d6:result5:error12:error-reason22:Invalid NG data formate", 0, true},
      {"json_array_body", "m5 [1]",
       "m5 d6:result5:error12:error-reason22:Invalid NG data formate", 0, true},
      {"malformed_json", R"(m6 {"command":)",
       R"(m6 {"result":"error","error-reason":"Failed to parse JSON document"})", 0, true},
      {"json_trailing", R"(m7 {"command":"ping"} x)",
       R"(m7 {"result":"error","error-reason":"Failed to parse JSON document"})", 0, true},
      {"empty_body", "m8 ",
       "m8 d6:result5:error12:error-reason25:Invalid data (no payload)e", 0, true},
      {"command_case", "m9 d7:command4:PINGe",
       "m9 d6:result5:error12:error-reason20:Unrecognized commande", 0, true},
      {"handler_throws", "q1 d7:command5:querye",
       "q1 d6:result5:error12:error-reason14:Internal errore", 1, true},
      {"missing_cookie", "d7:command4:pinge", std::nullopt, 0, true},
      {"empty_datagram", "", std::nullopt, 0, true},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    CountingHandler handler;
    RequestProcessor processor(&handler, {});
    Outcome out = processor.process(row.request, kProxy);
    EXPECT_EQ(out.reply, row.reply);
    EXPECT_EQ(handler.calls, row.handler_calls);
    EXPECT_EQ(!out.problem.empty(), row.bad) << out.problem;
  }
}

TEST(RequestProcessor, TruncatedDatagramGetsTooLarge) {
  CountingHandler handler;
  RequestProcessor processor(&handler, {});
  Outcome out = processor.process("t1 d7:command5:offer3:sdp", kProxy, true);
  EXPECT_EQ(out.reply, "t1 d6:result5:error12:error-reason17:Message too largee");
  EXPECT_EQ(handler.calls, 0);
}

TEST(RequestProcessor, WithoutHandlerOnlyPingWorks) {
  RequestProcessor processor(nullptr, {});
  EXPECT_EQ(processor.process("a d7:command4:pinge", kProxy).reply, "a d6:result4:ponge");
  EXPECT_EQ(processor.process("b d7:command5:offere", kProxy).reply,
            "b d6:result5:error12:error-reason23:Command not implementede");
}

TEST(RequestProcessor, RetransmissionGetsCachedReplyUntilTtl) {
  CountingHandler handler;
  ReplyCache::Clock::time_point now{};
  RequestProcessor processor(&handler, {}, [&] { return now; });
  const std::string offer = "7_1 d7:command5:offer7:call-id1:ce";
  const std::string first(*processor.process(offer, kProxy).reply);
  for (int retransmit = 1; retransmit <= 5; ++retransmit) {  // Kamailio: 5 times, 1 s apart
    now += 1s;
    Outcome again = processor.process(offer, kProxy);
    EXPECT_EQ(again.reply, first);
    EXPECT_TRUE(again.from_cache);
  }
  EXPECT_EQ(handler.calls, 1);
  // The same cookie from another proxy is another request.
  processor.process(offer, Endpoint{IpAddress::v4(192, 0, 2, 11), 40000});
  EXPECT_EQ(handler.calls, 2);
  now += 60s;
  EXPECT_FALSE(processor.process(offer, kProxy).from_cache);
  EXPECT_EQ(handler.calls, 3);
}

// The ng promise: identical reply for 60 s, however many other requests came in between
// (the cache used to hold 10 000 entries, a quarter of a second at 40 000 requests/s).
TEST(RequestProcessor, RetransmissionAfterManyOtherRequestsIsStillCached) {
  CountingHandler handler;
  ReplyCache::Clock::time_point now{};
  RequestProcessor processor(&handler, {}, [&] { return now; });
  const std::string offer = "7_1 d7:command5:offer7:call-id1:ce";
  const std::string first(*processor.process(offer, kProxy).reply);
  constexpr int kOthers = 50000;
  for (int i = 0; i < kOthers; ++i) {
    if (i % 1000 == 0) now += 1s;  // 50 s of traffic
    processor.process("o" + std::to_string(i) + " d7:command6:deletee", kProxy);
  }
  now += 9s;  // 59 s after the offer
  const Outcome again = processor.process(offer, kProxy);
  EXPECT_TRUE(again.from_cache);
  EXPECT_EQ(again.reply, first);
  EXPECT_EQ(handler.calls, 1 + kOthers);
  EXPECT_EQ(processor.cache().evicted_early(), 0u);
  EXPECT_EQ(processor.cache().size(), 1u + kOthers);
}

TEST(RequestProcessor, HandlerSeesThePeer) {
  CountingHandler handler;
  RequestProcessor processor(&handler, {});
  processor.process("p d7:command6:deletee", kProxy);
  EXPECT_EQ(handler.last_peer, kProxy);
}

}  // namespace
}  // namespace rr::ng
