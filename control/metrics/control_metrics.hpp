// Everything the control plane owns for metrics, built in one place: the counting ng handler,
// the sessions source and the sampler. The daemon's ControlPlane gives handler() to its
// RequestProcessor, calls tick() from its once-a-second tick, and hands collector() to the
// exporter. Control thread only, apart from collector(), which scrapes call from theirs.
#pragma once

#include <prometheus/collectable.h>

#include <functional>
#include <memory>
#include <vector>

#include "control/metrics/control_sample.hpp"
#include "control/metrics/ng_counting.hpp"
#include "control/metrics/session_source.hpp"

namespace rr::metrics {

struct ControlMetricsInputs {
  session::Sessions& sessions;
  ng::CommandHandler& handler;               // the session handler to count around
  SessionsSource::StatsLookup stream_stats;  // data-plane statistics per relay endpoint
  SessionsSource::TickClock clock;           // the workers' time base
  // Ports per interface. Empty: one pool "all" from Sessions::statistics() (used and free
  // only, so quarantined ports count in neither).
  std::function<std::vector<PortPool>()> port_pools;
  // The ng server's counters; may be empty, or refer to a server built after this object.
  std::function<ng::ServerCounters()> server;
  // The ng reply cache's fill; may be empty, or refer to a processor built after this object.
  std::function<ReplyCacheCounts()> reply_cache;
};

class ControlMetrics {
 public:
  explicit ControlMetrics(ControlMetricsInputs inputs, SamplerOptions options = {});

  ng::CommandHandler& handler() { return counting_; }
  void tick() { sampler_.sample(); }
  std::shared_ptr<prometheus::Collectable> collector() const;

 private:
  CountingHandler counting_;
  SessionsSource source_;
  ControlSampler sampler_;
};

}  // namespace rr::metrics
