#include "control/metrics/family.hpp"

#include <limits>

namespace rr::metrics {

prometheus::MetricFamily make_family(std::string_view name, std::string_view help,
                                     prometheus::MetricType type) {
  prometheus::MetricFamily family;
  family.name = std::string(kPrefix) + std::string(name);
  family.help = std::string(help);
  family.type = type;
  return family;
}

prometheus::MetricFamily& add_family(Families& out, std::string_view name, std::string_view help,
                                     prometheus::MetricType type) {
  return out.emplace_back(make_family(name, help, type));
}

void add_value(prometheus::MetricFamily& family, std::vector<Label> labels, double value) {
  auto& metric = family.metric.emplace_back();
  metric.label = std::move(labels);
  switch (family.type) {
    case prometheus::MetricType::Counter:
      metric.counter.value = value;
      break;
    case prometheus::MetricType::Gauge:
      metric.gauge.value = value;
      break;
    default:
      metric.untyped.value = value;
      break;
  }
}

void add_histogram(prometheus::MetricFamily& family, const Distribution& distribution) {
  auto& metric = family.metric.emplace_back();
  auto& histogram = metric.histogram;
  histogram.sample_count = distribution.count();
  histogram.sample_sum = distribution.sum();
  const auto bounds = distribution.bounds();
  uint64_t cumulative = 0;
  for (size_t i = 0; i < distribution.counts().size(); ++i) {
    cumulative += distribution.counts()[i];
    const double bound = i < bounds.size() ? bounds[i] : std::numeric_limits<double>::infinity();
    histogram.bucket.push_back({cumulative, bound});
  }
}

}  // namespace rr::metrics
