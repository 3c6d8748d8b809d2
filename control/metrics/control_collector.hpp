// Control-plane families, served from ControlSampler's latest sample: calls, streams, ng
// requests and errors, timeouts, port pools, jitter/loss distributions and per-stream
// series. Per-stream families are rebuilt at each scrape, so an ended stream's series
// disappear with the first sample that no longer lists it.
#pragma once

#include <prometheus/collectable.h>

#include <memory>

#include "control/metrics/control_sample.hpp"

namespace rr::metrics {

class ControlCollector final : public prometheus::Collectable {
 public:
  // `sampler` outlives this collector (or its exporter).
  explicit ControlCollector(const ControlSampler& sampler) : sampler_(sampler) {}

  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  const ControlSampler& sampler_;
};

}  // namespace rr::metrics
