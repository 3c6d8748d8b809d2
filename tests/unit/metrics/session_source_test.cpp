// SessionsSource over real Sessions with the session tests' recording data plane: labels,
// directions, skipped unpublished streams, totals and idle time.
#include "control/metrics/session_source.hpp"

#include <gtest/gtest.h>

#include <map>

#include "tests/unit/session/fixture.hpp"

namespace rr::metrics {
namespace {

using session::testing::answer_request;
using session::testing::audio_sdp;
using session::testing::media_port;
using session::testing::offer_request;

const IpAddress kRelay = *IpAddress::parse("203.0.113.1");
constexpr uint64_t kTicksPerSecond = 1000;

class SessionsSourceTest : public ::testing::Test {
 protected:
  stats::StatsSnapshot stats_with(uint64_t packets, uint64_t last_arrival) {
    stats::StatsSnapshot s;
    s.packets = s.received = s.expected = packets;
    s.last_arrival = last_arrival;
    return s;
  }
  std::vector<StreamSample> streams() {
    std::vector<StreamSample> out;
    source.for_each_stream([&](const StreamSample& s) { out.push_back(s); });
    return out;
  }

  session::testing::FakeClock clock;
  session::testing::RecordingForwarding forwarding;
  session::Sessions sessions{session::testing::test_config(clock), forwarding};
  std::map<Endpoint, stats::StatsSnapshot> published;  // what the "data plane" measures
  uint64_t now_ticks = 10'000;
  SessionsSource source{sessions,
                        [this](const Endpoint& relay) -> std::optional<stats::StatsSnapshot> {
                          auto it = published.find(relay);
                          if (it == published.end()) return std::nullopt;
                          return it->second;
                        },
                        {kTicksPerSecond, [this] { return now_ticks; }}};
};

TEST_F(SessionsSourceTest, EachLegsRelayPortCarriesTheStreamItsPeerSends) {
  const auto offer = sessions.offer(offer_request("c1", "A", audio_sdp("192.0.2.10", 4000)));
  ASSERT_TRUE(offer.ok());
  const auto answer =
      sessions.answer(answer_request("c1", "A", "B", audio_sdp("198.51.100.20", 5000)));
  ASSERT_TRUE(answer.ok());
  // The caller sends to the port in the answer it got; the callee to the one in the offer.
  published[{kRelay, media_port(answer.value().sdp)}] = stats_with(100, 9'000);
  published[{kRelay, media_port(offer.value().sdp)}] = stats_with(7, 0);

  const auto got = streams();
  ASSERT_EQ(got.size(), 2u);
  const struct {
    const char* leg;
    const char* direction;
    uint64_t packets;
    std::optional<double> idle;
  } rows[] = {{"A", "caller_to_callee", 100, 1.0}, {"B", "callee_to_caller", 7, std::nullopt}};
  for (size_t i = 0; i < 2; ++i) {
    SCOPED_TRACE(rows[i].leg);
    EXPECT_EQ(got[i].labels.call_id, "c1");
    EXPECT_EQ(got[i].labels.leg, rows[i].leg);
    EXPECT_EQ(got[i].labels.media, 1u);
    EXPECT_EQ(got[i].labels.direction, rows[i].direction);
    EXPECT_EQ(got[i].stats.packets, rows[i].packets);
    EXPECT_EQ(got[i].seconds_since_last_packet, rows[i].idle);
  }
}

TEST_F(SessionsSourceTest, UnpublishedStreamsAreSkippedButCounted) {
  ASSERT_TRUE(sessions.offer(offer_request("c1", "A", audio_sdp("192.0.2.10", 4000))).ok());
  EXPECT_TRUE(streams().empty());
  const SessionTotals totals = source.totals();
  EXPECT_EQ(totals.calls, 1u);
  EXPECT_EQ(totals.streams, 4u);  // the offer allocates RTP and RTCP ports for both legs
}

TEST_F(SessionsSourceTest, TimeoutsComeFromTheSessionStatistics) {
  ASSERT_TRUE(sessions.offer(offer_request("c1", "A", audio_sdp("192.0.2.10", 4000))).ok());
  clock.now += std::chrono::seconds(61);  // past the default 60 s media timeout
  EXPECT_EQ(sessions.tick(), 1u);
  const SessionTotals totals = source.totals();
  EXPECT_EQ(totals.calls, 0u);
  EXPECT_EQ(totals.timeouts[index(TimeoutKind::timeout)], 1u);
  EXPECT_EQ(totals.timeouts[index(TimeoutKind::silent_timeout)], 0u);
}

TEST_F(SessionsSourceTest, AnArrivalStampedAfterNowIsNotNegativeIdleTime) {
  ASSERT_TRUE(sessions.offer(offer_request("c1", "A", audio_sdp("192.0.2.10", 4000))).ok());
  const auto answer =
      sessions.answer(answer_request("c1", "A", "B", audio_sdp("198.51.100.20", 5000)));
  ASSERT_TRUE(answer.ok());
  published[{kRelay, media_port(answer.value().sdp)}] = stats_with(1, now_ticks + 5);
  const auto got = streams();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].seconds_since_last_packet, 0.0);
}

TEST_F(SessionsSourceTest, ReportsOnTheRtcpPortJoinTheRtpStream) {
  ASSERT_TRUE(sessions.offer(offer_request("c1", "A", audio_sdp("192.0.2.10", 4000))).ok());
  const auto answer =
      sessions.answer(answer_request("c1", "A", "B", audio_sdp("198.51.100.20", 5000)));
  ASSERT_TRUE(answer.ok());
  const uint16_t rtp_port = media_port(answer.value().sdp);
  published[{kRelay, rtp_port}] = stats_with(50, 9'000);
  stats::StatsSnapshot rtcp;  // no rtcp-mux: the caller's RTCP arrives on the next port
  rtcp.rtcp_reports = 2, rtcp.reported_fraction_lost = 32, rtcp.reported_lost = 5;
  rtcp.round_trips = 1, rtcp.round_trip_ntp16 = 0x2000;
  published[{kRelay, static_cast<uint16_t>(rtp_port + 1)}] = rtcp;

  const auto got = streams();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].stats.packets, 50u);
  EXPECT_EQ(got[0].stats.rtcp_reports, 2u);
  EXPECT_EQ(got[0].stats.reported_fraction_lost, 32);
  EXPECT_EQ(got[0].stats.reported_lost, 5);
  EXPECT_EQ(got[0].stats.round_trip_ms(), 125.0);
}

}  // namespace
}  // namespace rr::metrics
