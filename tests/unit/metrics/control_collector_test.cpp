// Control families from the sampler: totals, ng, ports, distributions, per-stream series,
// the series cap and series removal.
#include "control/metrics/control_collector.hpp"

#include <gtest/gtest.h>

#include <string>

#include "tests/unit/metrics/fake_sources.hpp"
#include "tests/unit/metrics/scrape.hpp"

namespace rr::metrics {
namespace {

using testing_support::expect_samples;
using testing_support::ExpectedSample;
using testing_support::FakeSessions;
using testing_support::make_stream;
using testing_support::scrape;

std::string stream_series(const char* family, const std::string& call, const char* leg,
                          const char* direction) {
  return std::string("rtp_relay_") + family + "{call_id=\"" + call + "\",leg=\"" + leg +
         "\",media=\"1\",direction=\"" + direction + "\"}";
}

struct ControlFixture {
  explicit ControlFixture(size_t cap = 2000)
      : sampler({&sessions, testing_support::make_port_pools, testing_support::make_ng_counts},
                {.max_stream_series = cap}) {}
  FakeSessions sessions;
  ControlSampler sampler;
  ControlCollector collector{sampler};
};

TEST(ControlCollector, NothingBeforeTheFirstSample) {
  ControlFixture f;
  EXPECT_TRUE(scrape(f.collector).empty());
}

TEST(ControlCollector, TotalsNgAndPortPools) {
  ControlFixture f;
  f.sessions.totals_ = {.calls = 3, .streams = 12, .timeouts = {4, 1, 0}};
  f.sampler.sample();
  const ExpectedSample rows[] = {
      {"rtp_relay_calls", 3},
      {"rtp_relay_streams", 12},
      {R"(rtp_relay_call_timeouts_total{kind="timeout"})", 4},
      {R"(rtp_relay_call_timeouts_total{kind="silent_timeout"})", 1},
      {R"(rtp_relay_call_timeouts_total{kind="final_timeout"})", 0},
      {R"(rtp_relay_ng_requests_total{command="offer",result="ok"})", 7},
      {R"(rtp_relay_ng_requests_total{command="offer",result="error"})", 2},
      {R"(rtp_relay_ng_requests_total{command="delete",result="ok"})", 0},
      {R"(rtp_relay_ng_errors_total{reason="ports_exhausted"})", 2},
      {R"(rtp_relay_ng_errors_total{reason="malformed"})", 0},
      {"rtp_relay_ng_datagrams_total", 12},
      {"rtp_relay_ng_cached_replies_total", 3},
      {"rtp_relay_ng_bad_datagrams_total", 2},
      {"rtp_relay_ng_send_errors_total", 1},
      {"rtp_relay_ng_reply_cache_entries", 9},
      {"rtp_relay_ng_reply_cache_bytes", 4096},
      {"rtp_relay_ng_reply_cache_limit_bytes", 1 << 20},
      {"rtp_relay_ng_reply_cache_evicted_early_total", 5},
      {R"(rtp_relay_ports{interface="pub",state="used"})", 40},
      {R"(rtp_relay_ports{interface="pub",state="free"})", 200},
      {R"(rtp_relay_ports{interface="pub",state="quarantined"})", 10},
      {R"(rtp_relay_ports{interface="priv",state="free"})", 250},
  };
  const auto samples = scrape(f.collector);
  expect_samples(samples, rows);
}

TEST(ControlCollector, PerStreamSeriesCarryLabelsAndValues) {
  ControlFixture f;
  // 10 of 1000 lost (1 %), 20 ms jitter; and a stream that has received nothing yet.
  f.sessions.streams_ = {make_stream("c1@host", "tagA", 1, "caller_to_callee", 1000, 990, 20),
                         make_stream("c1@host", "tagB", 1, "callee_to_caller", 0, 0, 0)};
  f.sampler.sample();
  const auto samples = scrape(f.collector);
  const auto a = [](const char* family) {
    return stream_series(family, "c1@host", "tagA", "caller_to_callee");
  };
  const auto b = [](const char* family) {
    return stream_series(family, "c1@host", "tagB", "callee_to_caller");
  };
  EXPECT_DOUBLE_EQ(samples.at(a("stream_jitter_seconds")), 0.02);
  EXPECT_EQ(samples.at(a("stream_lost_packets")), 10);
  EXPECT_EQ(samples.at(a("stream_packets_total")), 990);
  EXPECT_EQ(samples.at(a("stream_seconds_since_last_packet")), 0.5);
  EXPECT_GT(samples.at(a("stream_mos")), 1.0);
  EXPECT_LT(samples.at(a("stream_mos")), 4.5);
  // Nothing received: counters exist, but no idle time and no MOS to claim.
  EXPECT_EQ(samples.at(b("stream_packets_total")), 0);
  EXPECT_FALSE(samples.contains(b("stream_seconds_since_last_packet")));
  EXPECT_FALSE(samples.contains(b("stream_mos")));
}

TEST(ControlCollector, RtcpReportedValuesAndRoundTripPerStream) {
  ControlFixture f(/*cap=*/1);
  // Same loss and jitter; the first also has its sender's report (64/256 lost, 7 packets,
  // 10 ms) and a 0.25 s round trip (0x4000 / 65536). The second is past the series cap.
  f.sessions.streams_ = {
      testing_support::with_rtcp(make_stream("c1", "a", 1, "caller_to_callee", 1000, 1000, 1), 64,
                                 7, 10, 0x4000),
      testing_support::with_rtcp(make_stream("c2", "a", 1, "caller_to_callee", 1000, 1000, 1), 0,
                                 0, 0, 0x0140),  // 320 / 65536 s = 4.9 ms
      make_stream("c3", "a", 1, "caller_to_callee", 1000, 1000, 1)};  // no RTCP yet
  f.sampler.sample();
  const auto samples = scrape(f.collector);
  const auto c1 = [](const char* family) {
    return stream_series(family, "c1", "a", "caller_to_callee");
  };
  const std::string fraction = c1("stream_rtcp_reported_fraction_lost_ratio"),
                    lost = c1("stream_rtcp_reported_lost_packets"),
                    jitter = c1("stream_rtcp_reported_jitter_seconds"),
                    round_trip = c1("stream_round_trip_seconds");
  const ExpectedSample rows[] = {
      {fraction.c_str(), 0.25},
      {lost.c_str(), 7},
      {jitter.c_str(), 0.01},
      {round_trip.c_str(), 0.25},
      // The histogram counts every stream with a round trip, capped or not.
      {"rtp_relay_streams_round_trip_seconds_count", 2},
      {R"(rtp_relay_streams_round_trip_seconds_bucket{le="0.005"})", 1},
      {R"(rtp_relay_streams_round_trip_seconds_bucket{le="0.2"})", 1},
      {R"(rtp_relay_streams_round_trip_seconds_bucket{le="0.3"})", 2},
  };
  expect_samples(samples, rows);
  // Half the round trip enters the MOS as delay: lower than the same stream without it.
  const auto no_rtt = make_stream("c1", "a", 1, "caller_to_callee", 1000, 1000, 1).stats.mos();
  EXPECT_LT(samples.at(c1("stream_mos")), *no_rtt);
  EXPECT_DOUBLE_EQ(samples.at(c1("stream_mos")),
                   *testing_support::with_rtcp(make_stream("c1", "a", 1, "", 1000, 1000, 1), 64, 7,
                                               10, 0x4000)
                        .stats.mos());
}

TEST(ControlCollector, NoRtcpNoReportedSeries) {
  ControlFixture f;
  f.sessions.streams_ = {make_stream("c1", "a", 1, "caller_to_callee", 1000, 1000, 1)};
  f.sampler.sample();
  const auto samples = scrape(f.collector);
  for (const char* family :
       {"stream_rtcp_reported_fraction_lost_ratio", "stream_rtcp_reported_lost_packets",
        "stream_rtcp_reported_jitter_seconds", "stream_round_trip_seconds"})
    EXPECT_FALSE(samples.contains(stream_series(family, "c1", "a", "caller_to_callee"))) << family;
  EXPECT_EQ(samples.at("rtp_relay_streams_round_trip_seconds_count"), 0);
}

TEST(ControlCollector, DistributionsCountOnlyMeasuredStreams) {
  ControlFixture f;
  f.sessions.streams_ = {
      make_stream("c1", "a", 1, "caller_to_callee", 1000, 1000, 1),  // 1 ms, 0 %
      make_stream("c1", "b", 1, "callee_to_caller", 1000, 900, 40),  // 40 ms, 10 %
      make_stream("c2", "a", 1, "caller_to_callee", 0, 0, 0)};       // unmeasured
  f.sampler.sample();
  const auto samples = scrape(f.collector);
  const ExpectedSample rows[] = {
      {"rtp_relay_streams_jitter_seconds_count", 2},
      {R"(rtp_relay_streams_jitter_seconds_bucket{le="0.001"})", 1},
      {R"(rtp_relay_streams_jitter_seconds_bucket{le="0.03"})", 1},
      {R"(rtp_relay_streams_jitter_seconds_bucket{le="0.05"})", 2},
      {R"(rtp_relay_streams_jitter_seconds_bucket{le="+Inf"})", 2},
      {"rtp_relay_streams_loss_ratio_count", 2},
      {R"(rtp_relay_streams_loss_ratio_bucket{le="0.001"})", 1},
      {R"(rtp_relay_streams_loss_ratio_bucket{le="0.05"})", 1},
      {R"(rtp_relay_streams_loss_ratio_bucket{le="0.1"})", 2},
  };
  expect_samples(samples, rows);
}

TEST(ControlCollector, CapLimitsSeriesButAggregatesStayExact) {
  ControlFixture f(/*cap=*/2);
  for (int i = 0; i < 5; ++i) {
    f.sessions.streams_.push_back(
        make_stream("call" + std::to_string(i), "a", 1, "caller_to_callee", 100, 100, 1, 1000));
  }
  f.sampler.sample();
  const auto samples = scrape(f.collector);
  size_t per_stream = 0;
  for (const auto& [series, value] : samples) {
    if (series.starts_with("rtp_relay_stream_packets_total{")) ++per_stream;
  }
  EXPECT_EQ(per_stream, 2u);
  EXPECT_TRUE(
      samples.contains(stream_series("stream_packets_total", "call0", "a", "caller_to_callee")));
  EXPECT_TRUE(
      samples.contains(stream_series("stream_packets_total", "call1", "a", "caller_to_callee")));
  EXPECT_EQ(samples.at("rtp_relay_stream_series_omitted"), 3);
  EXPECT_EQ(samples.at("rtp_relay_streams_jitter_seconds_count"), 5);
  EXPECT_EQ(samples.at("rtp_relay_media_bytes_total"), 5000);
}

TEST(ControlCollector, EndedStreamSeriesDisappearAndBytesStayCounted) {
  ControlFixture f;
  f.sessions.streams_ = {make_stream("gone", "a", 1, "caller_to_callee", 10, 10, 1, 700),
                         make_stream("stays", "a", 1, "caller_to_callee", 10, 10, 1, 300)};
  f.sampler.sample();
  const auto gone = stream_series("stream_packets_total", "gone", "a", "caller_to_callee");
  ASSERT_TRUE(scrape(f.collector).contains(gone));

  f.sessions.streams_.erase(f.sessions.streams_.begin());
  f.sessions.streams_[0].stats.bytes = 400;
  f.sampler.sample();
  const auto samples = scrape(f.collector);
  EXPECT_FALSE(samples.contains(gone));
  EXPECT_FALSE(
      samples.contains(stream_series("stream_jitter_seconds", "gone", "a", "caller_to_callee")));
  EXPECT_EQ(samples.at("rtp_relay_media_bytes_total"), 1100);  // 700 retired + 400 live
}

TEST(ControlCollector, ReplacedStreamWithTheSameLabelsKeepsBytesMonotonic) {
  ControlFixture f;
  f.sessions.streams_ = {make_stream("c", "a", 1, "caller_to_callee", 10, 10, 1, 900)};
  f.sampler.sample();
  f.sessions.streams_[0].stats.bytes = 100;  // re-offer: new relay port, counters from zero
  f.sampler.sample();
  EXPECT_EQ(scrape(f.collector).at("rtp_relay_media_bytes_total"), 1000);
}

TEST(ControlCollector, CraftedCallIdsCannotMergeTwoStreamsBytes) {
  ControlFixture f;
  // Joined with a separator these two would be the same key.
  f.sessions.streams_ = {make_stream("a\nb", "c", 1, "caller_to_callee", 1, 1, 1, 100),
                         make_stream("a", "b\nc", 1, "caller_to_callee", 1, 1, 1, 50)};
  f.sampler.sample();
  f.sessions.streams_.erase(f.sessions.streams_.begin());
  f.sampler.sample();
  EXPECT_EQ(scrape(f.collector).at("rtp_relay_media_bytes_total"), 150);
}

TEST(ControlCollector, LabelValuesFromTheNetworkAreEscaped) {
  ControlFixture f;
  f.sessions.streams_ = {make_stream("evil\"}\\\nx", "a", 1, "caller_to_callee", 1, 1, 1)};
  f.sampler.sample();
  const auto text = testing_support::expose(f.collector);
  EXPECT_NE(text.find(R"(call_id="evil\"}\\\nx")"), std::string::npos) << text;
}

TEST(ControlCollector, MissingSourcesLeaveTheirFamiliesOut) {
  ControlSampler sampler({});
  sampler.sample();
  ControlCollector collector(sampler);
  EXPECT_TRUE(scrape(collector).empty());
}

TEST(ControlCollector, NgWithoutReplyCacheLeavesItsFamiliesOut) {
  ControlSampler sampler({.ng = [] {
    NgCounts counts = testing_support::make_ng_counts();
    counts.reply_cache.reset();
    return counts;
  }});
  sampler.sample();
  ControlCollector collector(sampler);
  const auto samples = scrape(collector);
  EXPECT_TRUE(samples.contains("rtp_relay_ng_datagrams_total"));
  for (const auto& [name, value] : samples) EXPECT_EQ(name.find("reply_cache"), std::string::npos) << name;
}

}  // namespace
}  // namespace rr::metrics
