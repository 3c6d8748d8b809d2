// Per-stream quality on /metrics against traffic whose loss and jitter the test knows:
// the phones send RTP through the relay from kernel sockets, the test scrapes /metrics over
// HTTP and compares with RFC 3550's numbers for what it sent.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "relay/stats/mos.hpp"
#include "tests/network/metrics/metrics_fixture.hpp"

namespace rr::netlab {
namespace {

using namespace std::chrono_literals;

class StreamQuality : public RelayMetrics {};

// Sequence numbers 1..last_seq minus `skipped`, `gap` apart.
std::vector<Departure> plan_with_gaps(uint16_t last_seq, const std::vector<uint16_t>& skipped,
                                      std::chrono::microseconds gap) {
  std::vector<Departure> plan;
  for (uint16_t seq = 1; seq <= last_seq; ++seq)
    if (std::find(skipped.begin(), skipped.end(), seq) == skipped.end()) plan.push_back({seq, gap});
  return plan;
}

struct LossRow {
  const char* name;
  uint16_t last_seq;
  std::vector<uint16_t> skipped;  // never 1, 2 or last_seq: see the test
};
const LossRow kLossRows[] = {
    {"no loss", 40, {}},
    {"scattered single losses", 60, {5, 17, 33, 59}},
    {"a burst of ten", 60, {20, 21, 22, 23, 24, 25, 26, 27, 28, 29}},
    {"gaps beyond the 64-packet duplicate window", 150, {3, 70, 71, 140}},
};

// RFC 3550 A.1 starts counting at the second of two consecutive packets (probation), and a
// loss after the highest packet received is invisible; so losses are interior, seq 3 on.
// Timing is not under test: 2 ms spacing keeps each row short.
TEST_P(StreamQuality, LostPacketsEqualSkippedSequenceNumbers) {
  start_relay(30000, 30099, {});
  int index = 0;
  for (const auto& row : kLossRows) {
    SCOPED_TRACE(row.name);
    ASSERT_TRUE(std::all_of(row.skipped.begin(), row.skipped.end(),
                            [&](uint16_t s) { return s > 2 && s < row.last_seq; }));
    auto call = open_call("loss-" + std::to_string(++index));
    ASSERT_TRUE(call);
    const auto plan = plan_with_gaps(row.last_seq, row.skipped, 2ms);
    ASSERT_EQ(send_paced(call->caller, call->caller_sends_to, 0x10000 + index, plan).size(), plan.size());
    EXPECT_EQ(call->callee.drain(300ms).size(), plan.size()) << "the relay forwarded a different count";

    const Labels sent = stream_labels(call->ids, true), idle = stream_labels(call->ids, false);
    const auto metrics = scrape_until(
        [&](const Exposition& e) { return e.value(kStreamPackets, sent) == double(plan.size()); });
    EXPECT_EQ(metrics.value(kStreamPackets, sent), double(plan.size()));
    EXPECT_EQ(metrics.value(kStreamLost, sent), double(row.skipped.size()));
    // MOS follows from the same loss: RFC 3550 expects last_seq - 1 packets from seq 2 on.
    const double loss_percent = 100.0 * double(row.skipped.size()) / double(row.last_seq - 1);
    const auto jitter = metrics.value(kStreamJitter, sent);
    ASSERT_TRUE(jitter);
    const auto mos = metrics.value(kStreamMos, sent);
    ASSERT_TRUE(mos);
    EXPECT_NEAR(*mos, stats::mos({.loss_percent = loss_percent, .jitter_ms = *jitter * 1000}), 1e-6);
    EXPECT_TRUE(metrics.value(kStreamIdle, sent)) << "a stream with packets has a silence gauge";

    // The other direction had no traffic: counted as nothing, and no silence or MOS yet.
    EXPECT_EQ(metrics.value(kStreamPackets, idle), 0.0);
    EXPECT_EQ(metrics.value(kStreamLost, idle), 0.0);
    EXPECT_FALSE(metrics.value(kStreamIdle, idle));
    EXPECT_FALSE(metrics.value(kStreamMos, idle));
  }
}

// RFC 3550 A.8 for packets whose RTP timestamps advance by `ts_step` while they leave at
// `times`: D = (departure difference - timestamp difference) in RTP units, J += (|D| - J)/16.
// The first packet only sets the transit time, as in the relay.
double expected_jitter_seconds(const SendTimes& times, double clock_rate, double ts_step) {
  double jitter = 0;
  for (size_t i = 1; i < times.size(); ++i) {
    const double d = std::chrono::duration<double>(times[i] - times[i - 1]).count() * clock_rate - ts_step;
    jitter += (std::abs(d) - jitter) / 16.0;
  }
  return jitter / clock_rate;
}

struct JitterRow {
  const char* name;
  std::vector<std::chrono::milliseconds> gaps;  // cycled over the packets
};
const JitterRow kJitterRows[] = {
    {"alternating 10 / 30 ms", {10ms, 30ms}},
    {"alternating 5 / 35 ms", {5ms, 35ms}},
    {"steady 20 ms", {20ms}},
};

// The expected value comes from when the test really sent each packet, so the sender's late
// wake-ups on this shared 2-core machine are accounted for, not tolerated. What is left is
// the path to the relay: veth delivery, and the relay stamping arrivals once per burst of a
// busy-polling worker that the kernel may preempt. With the 1/16 gain a packet delayed by
// 10 ms moves J by ~0.6 ms; at load 7 on 2 cores the measured J stayed within 1.3 ms of the
// expected one. ±30 % of the expected value, at least 3 ms, covers that and still tells a
// 15 ms pattern from a 10 ms one and both from zero.
TEST_P(StreamQuality, JitterMatchesRfc3550ForTheSendPattern) {
  start_relay(30000, 30099, {});
  constexpr int kPackets = 80;  // (15/16)^79 < 1 %: J has converged
  int index = 0;
  for (const auto& row : kJitterRows) {
    SCOPED_TRACE(row.name);
    auto call = open_call("jitter-" + std::to_string(++index));
    ASSERT_TRUE(call);
    std::vector<Departure> plan;
    for (int i = 0; i < kPackets; ++i)
      plan.push_back({uint16_t(i + 1), i == 0 ? 0us : row.gaps[size_t(i) % row.gaps.size()]});
    const auto sent_at = send_paced(call->caller, call->caller_sends_to, 0x20000 + index, plan);
    ASSERT_EQ(sent_at.size(), plan.size());

    const Labels sent = stream_labels(call->ids, true);
    const auto metrics = scrape_until(
        [&](const Exposition& e) { return e.value(kStreamPackets, sent) == double(kPackets); });
    ASSERT_EQ(metrics.value(kStreamPackets, sent), double(kPackets));
    const double expected = expected_jitter_seconds(sent_at, 8000, 160);
    const double tolerance = std::max(0.3 * expected, 0.003);
    const auto jitter = metrics.value(kStreamJitter, sent);
    ASSERT_TRUE(jitter);
    EXPECT_NEAR(*jitter, expected, tolerance);
    std::printf("%s: jitter %.5f s, expected %.5f s from the send times\n", row.name, *jitter, expected);
  }
}

INSTANTIATE_TEST_SUITE_P(NetworkMetrics, StreamQuality, testing::Values(Driver::af_packet, Driver::af_xdp),
                         driver_name);

}  // namespace
}  // namespace rr::netlab
