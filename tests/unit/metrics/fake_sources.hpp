// Fake metric sources shared by the metrics tests and the deploy checks' metric dump.
#pragma once

#include <string>
#include <vector>

#include "control/metrics/sources.hpp"

namespace rr::metrics::testing_support {

// A stream with `received` of `expected` packets and `jitter_ms` at 8 kHz.
inline StreamSample make_stream(std::string call_id, std::string leg, uint32_t media,
                                std::string direction, uint64_t expected, uint64_t received,
                                double jitter_ms, uint64_t bytes = 0) {
  // Each stream its own relay port, as the sampler keys streams by it.
  static uint16_t next_port = 10000;
  StreamSample s;
  s.relay = {*IpAddress::parse("203.0.113.1"), next_port++};
  s.labels = {std::move(call_id), std::move(leg), media, std::move(direction)};
  s.stats.clock_rate = 8000;
  s.stats.jitter = static_cast<uint32_t>(jitter_ms * 8);  // 8 timestamp units per ms
  s.stats.expected = expected;
  s.stats.received = received;
  s.stats.packets = received;
  s.stats.bytes = bytes;
  if (received > 0) s.seconds_since_last_packet = 0.5;
  return s;
}

// The same stream once its sender's RTCP reported `fraction_lost` (/256), `reported_lost`,
// `reported_jitter_ms` and a round trip of `round_trip_ntp16` (1/65536 s) was measured.
inline StreamSample with_rtcp(StreamSample s, uint8_t fraction_lost, int32_t reported_lost,
                              double reported_jitter_ms, uint32_t round_trip_ntp16) {
  s.stats.rtcp_reports = 1;
  s.stats.reported_fraction_lost = fraction_lost;
  s.stats.reported_lost = reported_lost;
  s.stats.reported_jitter = static_cast<uint32_t>(reported_jitter_ms * 8);
  s.stats.round_trips = 1;
  s.stats.round_trip_ntp16 = round_trip_ntp16;
  return s;
}

class FakeSessions final : public SessionMetricsSource {
 public:
  SessionTotals totals() override { return totals_; }
  void for_each_stream(const std::function<void(const StreamSample&)>& visit) override {
    for (const auto& s : streams_) visit(s);
  }

  SessionTotals totals_;
  std::vector<StreamSample> streams_;
};

inline NgCounts make_ng_counts() {
  NgCounts ng;
  ng.requests[static_cast<size_t>(ng::Command::offer)][index(NgResult::ok)] = 7;
  ng.requests[static_cast<size_t>(ng::Command::offer)][index(NgResult::error)] = 2;
  ng.errors[index(NgErrorReason::ports_exhausted)] = 2;
  ng.server = {.requests = 12, .cached = 3, .bad = 2, .send_errors = 1};
  ng.reply_cache = ReplyCacheCounts{.entries = 9, .bytes = 4096, .limit_bytes = 1 << 20, .evicted_early = 5};
  return ng;
}

inline std::vector<PortPool> make_port_pools() {
  return {{"pub", {.used = 40, .quarantined = 10, .free = 200}},
          {"priv", {.used = 0, .quarantined = 0, .free = 250}}};
}

}  // namespace rr::metrics::testing_support
