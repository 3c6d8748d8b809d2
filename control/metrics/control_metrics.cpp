#include "control/metrics/control_metrics.hpp"

#include "control/metrics/control_collector.hpp"

namespace rr::metrics {

namespace {

std::function<std::vector<PortPool>()> port_pools_or_totals(ControlMetricsInputs& inputs) {
  if (inputs.port_pools) return std::move(inputs.port_pools);
  return [&sessions = inputs.sessions] {
    const session::Statistics stats = sessions.statistics();
    ports::Counters counters;
    counters.used = static_cast<uint32_t>(stats.ports_used);
    counters.free = static_cast<uint32_t>(stats.ports_free);
    return std::vector<PortPool>{{"all", counters}};
  };
}

}  // namespace

ControlMetrics::ControlMetrics(ControlMetricsInputs inputs, SamplerOptions options)
    : counting_(inputs.handler),
      source_(inputs.sessions, std::move(inputs.stream_stats), std::move(inputs.clock)),
      sampler_(ControlSources{.sessions = &source_,
                              .port_pools = port_pools_or_totals(inputs),
                              .ng =
                                  [this, server = std::move(inputs.server),
                                   reply_cache = std::move(inputs.reply_cache)] {
                                    NgCounts counts = counting_.counts();
                                    if (server) counts.server = server();
                                    if (reply_cache) counts.reply_cache = reply_cache();
                                    return counts;
                                  }},
               options) {}

std::shared_ptr<prometheus::Collectable> ControlMetrics::collector() const {
  return std::make_shared<ControlCollector>(sampler_);
}

}  // namespace rr::metrics
