// rtpengine's delete delay: a deleted call keeps relaying for the delay (query and list still
// see it), then the tick ends it; a new offer revives it, a second delete re-schedules it.
// Behaviour checked against rtpengine 10.5 with rtpengine-ng-client.
#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "tests/unit/session/fixture.hpp"

namespace rr::session::testing {
namespace {

using std::chrono::seconds;

enum class Action : uint8_t { remove, reoffer, tick };

struct Step {
  seconds advance;  // clock moves first
  Action action;
  std::optional<int64_t> delay;  // for remove: the request's "delete delay" key
  bool call_left;                // after the step
};

struct DelayCase {
  const char* name;
  seconds configured;  // SessionsConfig::delete_delay
  std::vector<Step> steps;
};

TEST(DeleteDelay, CallStaysForTheDelayThenEnds) {
  const DelayCase cases[] = {
      {"delay 0 ends at once", seconds(30), {{seconds(0), Action::remove, 0, false}}},
      {"no key, no default: at once",
       seconds(0),
       {{seconds(0), Action::remove, std::nullopt, false}}},
      {"delay 5 stays, then ends",
       seconds(0),
       {{seconds(0), Action::remove, 5, true},
        {seconds(4), Action::tick, std::nullopt, true},
        {seconds(1), Action::tick, std::nullopt, false}}},
      {"no key: the configured default",
       seconds(10),
       {{seconds(0), Action::remove, std::nullopt, true},
        {seconds(9), Action::tick, std::nullopt, true},
        {seconds(1), Action::tick, std::nullopt, false}}},
      {"negative key: the configured default",
       seconds(10),
       {{seconds(0), Action::remove, -1, true}, {seconds(10), Action::tick, std::nullopt, false}}},
      {"re-offer during the delay revives",
       seconds(0),
       {{seconds(0), Action::remove, 5, true},
        {seconds(2), Action::reoffer, std::nullopt, true},
        {seconds(10), Action::tick, std::nullopt, true}}},
      {"second delete re-schedules",
       seconds(0),
       {{seconds(0), Action::remove, 5, true},
        {seconds(3), Action::remove, 10, true},
        {seconds(3), Action::tick, std::nullopt, true},
        {seconds(7), Action::tick, std::nullopt, false}}},
      {"second delete with 0 ends now",
       seconds(0),
       {{seconds(0), Action::remove, 5, true}, {seconds(1), Action::remove, 0, false}}},
  };
  for (const DelayCase& c : cases) {
    FakeClock clock;
    RecordingForwarding forwarding;
    SessionsConfig config = test_config(clock);
    config.delete_delay = c.configured;
    Sessions sessions(config, forwarding);
    ASSERT_TRUE(sessions.offer(offer_request("c1", "A", audio_sdp("192.0.2.10", 4000))).ok());
    ASSERT_TRUE(
        sessions.answer(answer_request("c1", "A", "B", audio_sdp("198.51.100.20", 5000))).ok());
    int n = 0;
    for (const Step& step : c.steps) {
      SCOPED_TRACE(std::string(c.name) + ", step " + std::to_string(n++));
      clock.now += step.advance;
      if (step.action == Action::remove) {
        DeleteRequest d;
        d.call_id = "c1", d.from_tag = "A", d.delete_delay = step.delay;
        const auto deleted = sessions.delete_call(d);
        ASSERT_TRUE(deleted.ok());
        EXPECT_EQ(deleted.value().final_stats.legs.size(), 2u) << "the reply has the stats at once";
      } else if (step.action == Action::reoffer) {
        OfferRequest r = offer_request("c1", "A", audio_sdp("192.0.2.10", 4000));
        r.to_tag = "B";
        ASSERT_TRUE(sessions.offer(r).ok());
      } else {
        sessions.tick();
      }
      EXPECT_EQ(sessions.size(), step.call_left ? 1u : 0u);
      // While the call is left it relays; once it ends nothing is published and no port held.
      EXPECT_EQ(forwarding.live.size(), step.call_left ? 1u : 0u);
      EXPECT_EQ(sessions.statistics().ports_used, step.call_left ? 4u : 0u);
      EXPECT_EQ(sessions.statistics().deleted_sessions, step.call_left ? 0u : 1u);
      QueryRequest q;
      q.call_id = "c1";
      EXPECT_EQ(sessions.query(q).ok(), step.call_left) << "query sees a call waiting to end";
      EXPECT_EQ(sessions.list({}).size(), step.call_left ? 1u : 0u);
    }
  }
}

}  // namespace
}  // namespace rr::session::testing
