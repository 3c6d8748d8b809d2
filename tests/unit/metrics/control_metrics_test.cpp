// ControlMetrics end to end on the control side: real Sessions, a counted handler, the ng
// server's counters and the port fallback, scraped after one tick.
#include "control/metrics/control_metrics.hpp"

#include <gtest/gtest.h>

#include "control/ng/reply.hpp"
#include "tests/unit/metrics/scrape.hpp"
#include "tests/unit/metrics/scripted_handler.hpp"
#include "tests/unit/session/fixture.hpp"

namespace rr::metrics {
namespace {

using session::testing::audio_sdp;
using session::testing::offer_request;

class ControlMetricsTest : public ::testing::Test {
 protected:
  session::testing::FakeClock clock;
  session::testing::RecordingForwarding forwarding;
  session::Sessions sessions{session::testing::test_config(clock), forwarding};
  testing_support::ScriptedHandler inner;
  ng::ServerCounters server{.requests = 5, .cached = 1, .bad = 0, .send_errors = 0};
  ControlMetrics metrics{{.sessions = sessions,
                          .handler = inner,
                          .stream_stats = [](const Endpoint&) { return std::nullopt; },
                          .clock = {},
                          .port_pools = {},
                          .server = [this] { return server; }}};
};

TEST_F(ControlMetricsTest, OneTickPublishesCallsNgCountsAndPortTotals) {
  ASSERT_TRUE(sessions.offer(offer_request("c1", "A", audio_sdp("192.0.2.10", 4000))).ok());
  inner.reply = ng::ok_reply();
  const bencode::Value dict = bencode::Value::dict();
  metrics.handler().handle(ng::Command::offer, testing_support::request_of(dict));

  const auto collector = metrics.collector();
  EXPECT_FALSE(testing_support::scrape(*collector).contains("rtp_relay_calls"))
      << "before the tick";
  metrics.tick();
  const auto samples = testing_support::scrape(*collector);
  const testing_support::ExpectedSample rows[] = {
      {"rtp_relay_calls", 1},
      {"rtp_relay_streams", 4},
      {R"(rtp_relay_ng_requests_total{command="offer",result="ok"})", 1},
      {"rtp_relay_ng_datagrams_total", 5},
      {"rtp_relay_ng_cached_replies_total", 1},
      {R"(rtp_relay_ports{interface="all",state="used"})", 4},
  };
  testing_support::expect_samples(samples, rows);
  // test_config: three addresses with 500 ports each.
  EXPECT_EQ(samples.at(R"(rtp_relay_ports{interface="all",state="used"})") +
                samples.at(R"(rtp_relay_ports{interface="all",state="free"})"),
            1500);
}

}  // namespace
}  // namespace rr::metrics
