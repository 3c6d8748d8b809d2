// RFC 3550 6.4.1 round trip across the two directions of a media: the SR arrives on the
// reverse stream, the report block answering it on the forward one. Times are nanoseconds
// (ticks_per_second 1e9), so every expected value below is worked out by hand in comments.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "relay/stats/mos.hpp"
#include "relay/stats/rtcp_report.hpp"
#include "relay/stats/stream_stats.hpp"
#include "tests/unit/stats/rtcp_compound.hpp"

namespace rr::stats {
namespace {

using test::Block;
using test::kSrNtp;
using test::report;

constexpr uint64_t kSecond = 1'000'000'000;
constexpr uint32_t kLsr = 0x45678000;  // middle 32 bits of kSrNtp
constexpr uint64_t kSrAt = 10 * kSecond;  // the SR reaches the relay at 10 s = 0x000A0000

struct Step {
  bool on_reverse;  // true: the SR direction; false: the stream whose sender reports
  std::vector<uint8_t> datagram;
  uint64_t at_ns;
};

struct Case {
  std::string name;
  std::vector<Step> steps;
  bool linked;
  uint64_t round_trips;
  uint32_t round_trip_ntp16;
};

std::vector<uint8_t> sr(uint64_t ntp = kSrNtp) { return report(true, {}, ntp); }
std::vector<uint8_t> rr(uint32_t lsr, uint32_t dlsr) {
  return report(false, {{0x5000, 0, 8, lsr, dlsr}});
}

TEST(StreamStatsRoundTrip, FromTheReverseStreamsLastSr) {
  const std::vector<Case> cases = {
      // RR at 10.75 s (0xAC000) holding it 0.5 s (0x8000): 0xAC000 - 0xA0000 - 0x8000 = 0.25 s.
      {"answered", {{true, sr(), kSrAt}, {false, rr(kLsr, 0x8000), kSrAt + 750'000'000}},
       true, 1, 0x4000},
      // Held 0 s, back 2 ms later: 0.002 * 65536 = 131.072 -> 131 (truncated to 1/65536 s).
      {"lan", {{true, sr(), kSrAt}, {false, rr(kLsr, 0), kSrAt + 2'000'000}}, true, 1, 131},
      {"not_linked", {{true, sr(), kSrAt}, {false, rr(kLsr, 0x8000), kSrAt + kSecond}},
       false, 0, 0},
      {"no_sr_yet", {{false, rr(kLsr, 0x8000), kSrAt + kSecond}}, true, 0, 0},
      {"lsr_zero", {{true, sr(), kSrAt}, {false, rr(0, 0), kSrAt + kSecond}}, true, 0, 0},
      {"answers_an_older_sr",
       {{true, sr(), kSrAt}, {false, rr(kLsr - 0x10000, 0x8000), kSrAt + kSecond}}, true, 0, 0},
      // DLSR 1 s but back after 0.5 s: the reporter's arithmetic is impossible, no sample.
      {"dlsr_too_long", {{true, sr(), kSrAt}, {false, rr(kLsr, 0x10000), kSrAt + kSecond / 2}},
       true, 0, 0},
      // Two SRs: the RR names the second (NTP one second later), sent at 15 s.
      {"latest_sr",
       {{true, sr(), kSrAt},
        {true, sr(kSrNtp + (uint64_t{1} << 32)), 15 * kSecond},
        {false, rr(kLsr + 0x10000, 0x8000), 15 * kSecond + 600'000'000}},
       true, 1, 0x1999},  // 15.6 s = 0xF9999.99 -> 0xF9999; - 0xF0000 - 0x8000 = 0x1999
      // The SR direction may carry reports too: an SR that is also a report stays an SR.
      {"sr_with_blocks",
       {{true, report(true, {{1, 0, 0}}), kSrAt}, {false, rr(kLsr, 0), kSrAt + kSecond}},
       true, 1, 0x10000},
      {"later_rr_replaces",
       {{true, sr(), kSrAt},
        {false, rr(kLsr, 0x8000), kSrAt + 750'000'000},
        {false, rr(kLsr, 0x10000), kSrAt + 1'500'000'000}},
       true, 2, 0x8000},  // 0x18000 - 0x10000 = 0.5 s
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    StreamStats forward(RtpClock(8000, kSecond)), reverse(RtpClock(8000, kSecond));
    if (c.linked) forward.link_reverse(reverse);
    for (const Step& step : c.steps)
      (step.on_reverse ? reverse : forward).on_rtcp(std::span<const uint8_t>(step.datagram), step.at_ns);
    const StatsSnapshot s = forward.snapshot();
    EXPECT_EQ(s.round_trips, c.round_trips);
    EXPECT_EQ(s.round_trip_ntp16, c.round_trip_ntp16);
    EXPECT_EQ(s.round_trip_ms().has_value(), c.round_trips != 0);
    EXPECT_EQ(reverse.snapshot().round_trips, 0u);  // it was never linked the other way
  }
}

TEST(StreamStatsRoundTrip, MillisecondsAndMosUseIt) {
  StreamStats forward(RtpClock(8000, kSecond)), reverse(RtpClock(8000, kSecond));
  forward.link_reverse(reverse);
  EXPECT_EQ(forward.snapshot().mos(), std::nullopt);  // nothing received yet
  for (uint16_t seq = 0; seq < 10; ++seq)  // 20 ms apart, in step with the timestamps
    forward.on_rtp({1, seq, seq * 160u, 172}, seq * 20'000'000ull);
  const double without_rtt = *forward.snapshot().mos();
  // Jitter 0, loss 0, delay 0: R = 93.2 - 0.024 * 10 = 92.96.
  EXPECT_DOUBLE_EQ(without_rtt, mos_from_r(93.2 - 0.24));

  reverse.on_rtcp(std::span<const uint8_t>(sr()), kSrAt);
  const std::vector<uint8_t> answer = rr(kLsr, 0x8000);
  forward.on_rtcp(std::span<const uint8_t>(answer), kSrAt + 900'000'000);  // RTT 0.4 s
  const StatsSnapshot s = forward.snapshot();
  ASSERT_EQ(s.round_trip_ntp16, 0x6666u);  // 10.9 s = 0xAE666; - 0xA0000 - 0x8000
  EXPECT_DOUBLE_EQ(*s.round_trip_ms(), 0x6666 * 1000.0 / 65536.0);  // 399.99 ms
  // One-way delay = RTT / 2 = 199.99 ms; d = 209.99 > 177.3, so Id gets the second term.
  const double d = 0x6666 * 1000.0 / 65536.0 / 2.0 + 10.0;
  EXPECT_DOUBLE_EQ(*s.mos(), mos_from_r(93.2 - 0.024 * d - 0.11 * (d - 177.3)));
  EXPECT_LT(*s.mos(), without_rtt);
}

TEST(StatsSnapshot, AdoptsTheRtcpPortsReportsOnlyWhereItHasNone) {
  StatsSnapshot rtcp_port;
  rtcp_port.rtcp_reports = 3, rtcp_port.reported_ssrc = 9, rtcp_port.reported_fraction_lost = 25;
  rtcp_port.reported_lost = 4, rtcp_port.reported_jitter = 80;
  rtcp_port.round_trips = 2, rtcp_port.round_trip_ntp16 = 0x4000;
  rtcp_port.packets = 77;  // RTP counters are never taken

  StatsSnapshot plain;
  plain.adopt_rtcp_reports(rtcp_port);
  EXPECT_EQ(plain.rtcp_reports, 3u);
  EXPECT_EQ(plain.reported_ssrc, 9u);
  EXPECT_EQ(plain.reported_fraction_lost, 25);
  EXPECT_EQ(plain.reported_lost, 4);
  EXPECT_EQ(plain.reported_jitter, 80u);
  EXPECT_EQ(plain.round_trip_ntp16, 0x4000u);
  EXPECT_EQ(plain.packets, 0u);

  StatsSnapshot muxed;  // reports of its own (rtcp-mux): kept
  muxed.rtcp_reports = 1, muxed.reported_lost = -1, muxed.round_trips = 1, muxed.round_trip_ntp16 = 7;
  muxed.adopt_rtcp_reports(rtcp_port);
  EXPECT_EQ(muxed.rtcp_reports, 1u);
  EXPECT_EQ(muxed.reported_lost, -1);
  EXPECT_EQ(muxed.round_trip_ntp16, 7u);
}

TEST(RtpClock, Ntp16FromTicks) {
  EXPECT_EQ(RtpClock(8000, kSecond).to_ntp16(kSrAt + 750'000'000), 0xAC000u);
  // A 2.5 GHz TSC: 1.5 s is 3.75e9 ticks -> 0x18000 exactly (the factor rounds up).
  EXPECT_EQ(RtpClock(8000, 2'500'000'000).to_ntp16(3'750'000'000), 0x18000u);
  // Modulo 2^32 like an NTP middle word: 65536 s + 1 s reads as 1 s.
  EXPECT_EQ(RtpClock(8000, kSecond).to_ntp16(65537 * kSecond), 0x10000u);
}

}  // namespace
}  // namespace rr::stats
