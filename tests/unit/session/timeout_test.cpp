// Timeouts with a fake clock: silence, hold (silent-timeout), final-timeout, and media that
// keeps a call alive.
#include <gtest/gtest.h>

#include "tests/unit/session/fixture.hpp"

namespace rr::session::testing {
namespace {

using std::chrono::seconds;

struct TimeoutCase {
  const char* name;
  std::string answer_extra;  // "a=sendonly\r\n" puts the call on hold
  seconds elapsed;
  bool media_flows;  // counters move between ticks
  std::optional<TeardownReason> expect;
};

TEST(Timeouts, TearDownByKind) {
  const TimeoutCase cases[] = {
      {"quiet but young", "", seconds(59), false, std::nullopt},
      {"silent past timeout", "", seconds(60), false, TeardownReason::timeout},
      {"media keeps it alive", "", seconds(90), true, std::nullopt},
      {"on hold survives timeout", "a=sendonly\r\n", seconds(120), false, std::nullopt},
      {"on hold past silent-timeout", "a=sendonly\r\n", seconds(600), false,
       TeardownReason::silent_timeout},
      {"final timeout despite media", "", seconds(7200), true, TeardownReason::final_timeout},
  };
  for (const TimeoutCase& c : cases) {
    FakeClock clock;
    RecordingForwarding forwarding;
    SessionsConfig config = test_config(clock);
    config.timeouts = {seconds(60), seconds(600), seconds(7200)};
    Sessions sessions(config, forwarding);
    ASSERT_TRUE(sessions.offer(offer_request("c1", "A", audio_sdp("192.0.2.10", 4000))).ok());
    ASSERT_TRUE(sessions
                    .answer(answer_request("c1", "A", "B",
                                           audio_sdp("198.51.100.20", 5000, c.answer_extra)))
                    .ok());
    const Endpoint relay = forwarding.live.at(0).a.relay_rtp;
    // Tick every 30 s up to `elapsed`, moving the counters each time when media flows.
    for (seconds t(30); t <= c.elapsed; t += seconds(30)) {
      clock.now += seconds(30);
      if (c.media_flows) forwarding.counters[relay].packets += 50;
      sessions.tick();
    }
    if (c.elapsed.count() % 30 != 0) {
      clock.now += seconds(c.elapsed.count() % 30);
      sessions.tick();
    }
    const Statistics stats = sessions.statistics();
    if (!c.expect) {
      EXPECT_EQ(sessions.size(), 1u) << c.name;
      continue;
    }
    EXPECT_EQ(sessions.size(), 0u) << c.name;
    EXPECT_TRUE(forwarding.live.empty()) << c.name;
    EXPECT_EQ(stats.timeout_sessions, *c.expect == TeardownReason::timeout ? 1u : 0u) << c.name;
    EXPECT_EQ(stats.silent_timeout_sessions, *c.expect == TeardownReason::silent_timeout ? 1u : 0u)
        << c.name;
    EXPECT_EQ(stats.final_timeout_sessions, *c.expect == TeardownReason::final_timeout ? 1u : 0u)
        << c.name;
  }
}

TEST(Timeouts, TickReclaimsRetiredEntries) {
  FakeClock clock;
  RecordingForwarding forwarding;
  Sessions sessions(test_config(clock), forwarding);
  sessions.tick();
  sessions.tick();
  EXPECT_EQ(forwarding.reclaims, 2);
}

}  // namespace
}  // namespace rr::session::testing
