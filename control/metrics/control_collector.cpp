#include "control/metrics/control_collector.hpp"

#include <string>

#include "control/metrics/family.hpp"
#include "control/metrics/stream_series.hpp"

namespace rr::metrics {

namespace {

using prometheus::MetricType;

double d(uint64_t v) { return static_cast<double>(v); }

void add_sessions(Families& out, const SessionTotals& totals) {
  add_value(add_family(out, "calls", "Calls currently relayed", MetricType::Gauge), {},
            d(totals.calls));
  add_value(add_family(out, "streams", "Streams (one direction of RTP or RTCP) currently relayed",
                       MetricType::Gauge),
            {}, d(totals.streams));
  auto& timeouts = add_family(out, "call_timeouts_total", "Calls the relay ended, by timeout kind",
                              MetricType::Counter);
  for (size_t k = 0; k < kTimeoutKinds.size(); ++k) {
    add_value(timeouts, {{"kind", std::string(kTimeoutKinds[k])}}, d(totals.timeouts[k]));
  }
}

void add_reply_cache(Families& out, const ReplyCacheCounts& cache) {
  add_value(add_family(out, "ng_reply_cache_entries", "ng replies kept for retransmissions",
                       MetricType::Gauge),
            {}, d(cache.entries));
  add_value(add_family(out, "ng_reply_cache_bytes",
                       "Memory the kept ng replies take, bookkeeping included", MetricType::Gauge),
            {}, d(cache.bytes));
  add_value(add_family(out, "ng_reply_cache_limit_bytes", "The reply cache's bound (ng-reply-cache-mb)",
                       MetricType::Gauge),
            {}, d(cache.limit_bytes));
  add_value(add_family(out, "ng_reply_cache_evicted_early_total",
                       "ng replies dropped before their 60 s because the cache was full: a "
                       "retransmission of one runs its command again",
                       MetricType::Counter),
            {}, d(cache.evicted_early));
}

void add_ng(Families& out, const NgCounts& ng) {
  auto& requests = add_family(out, "ng_requests_total", "ng requests by command and result",
                              MetricType::Counter);
  for (const auto& command : ng::kCommands) {
    for (size_t r = 0; r < kNgResults.size(); ++r) {
      add_value(requests,
                {{"command", std::string(command.name)}, {"result", std::string(kNgResults[r])}},
                d(ng.requests[static_cast<size_t>(command.command)][r]));
    }
  }
  auto& errors = add_family(out, "ng_errors_total", "ng requests answered with an error, by reason",
                            MetricType::Counter);
  for (size_t r = 0; r < kNgErrorReasons.size(); ++r) {
    add_value(errors, {{"reason", std::string(kNgErrorReasons[r])}}, d(ng.errors[r]));
  }
  add_value(add_family(out, "ng_datagrams_total", "ng datagrams received", MetricType::Counter), {},
            d(ng.server.requests));
  add_value(add_family(out, "ng_cached_replies_total",
                       "ng retransmissions answered from the reply cache", MetricType::Counter),
            {}, d(ng.server.cached));
  add_value(add_family(out, "ng_bad_datagrams_total",
                       "ng datagrams answered with an error, or not at all (no readable cookie)",
                       MetricType::Counter),
            {}, d(ng.server.bad));
  add_value(add_family(out, "ng_send_errors_total", "ng replies the kernel refused to send",
                       MetricType::Counter),
            {}, d(ng.server.send_errors));
  if (ng.reply_cache) add_reply_cache(out, *ng.reply_cache);
}

void add_port_pools(Families& out, const std::vector<PortPool>& pools) {
  auto& ports =
      add_family(out, "ports", "Relay ports per interface by state (used, free, quarantined)",
                 MetricType::Gauge);
  for (const auto& pool : pools) {
    add_value(ports, {{"interface", pool.interface}, {"state", "used"}}, pool.counters.used);
    add_value(ports, {{"interface", pool.interface}, {"state", "free"}}, pool.counters.free);
    add_value(ports, {{"interface", pool.interface}, {"state", "quarantined"}},
              pool.counters.quarantined);
  }
}

void add_distributions(Families& out, const ControlSample& sample) {
  add_histogram(add_family(out, "streams_jitter_seconds",
                           "Current interarrival jitter of every receiving RTP stream (not a rate: "
                           "use histogram_quantile on the buckets directly)",
                           MetricType::Histogram),
                sample.jitter);
  add_histogram(
      add_family(out, "streams_loss_ratio",
                 "Current cumulative loss ratio of every receiving RTP stream (not a rate: "
                 "use histogram_quantile on the buckets directly)",
                 MetricType::Histogram),
      sample.loss);
  add_histogram(add_family(out, "streams_round_trip_seconds",
                           "Latest RTCP round trip of every receiving RTP stream that has one (not "
                           "a rate: use histogram_quantile on the buckets directly)",
                           MetricType::Histogram),
                sample.round_trip);
  add_value(
      add_family(out, "media_bytes_total",
                 "UDP payload bytes of RTP and RTCP received on relay ports", MetricType::Counter),
      {}, d(sample.media_bytes));
}

}  // namespace

std::vector<prometheus::MetricFamily> ControlCollector::Collect() const {
  const auto sample = sampler_.latest();
  Families out;
  if (sample->sessions) {
    add_sessions(out, *sample->sessions);
    add_distributions(out, *sample);
    add_stream_series(out, *sample);
  }
  if (sample->ng) add_ng(out, *sample->ng);
  if (sample->port_pools) add_port_pools(out, *sample->port_pools);
  return out;
}

}  // namespace rr::metrics
