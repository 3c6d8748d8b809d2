// Small builders for prometheus::MetricFamily, so collectors read as a list of families.
#pragma once

#include <prometheus/metric_family.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "control/metrics/distribution.hpp"

namespace rr::metrics {

using Label = prometheus::ClientMetric::Label;
using Families = std::vector<prometheus::MetricFamily>;

// An empty family; every name gets the rtp_relay_ prefix.
prometheus::MetricFamily make_family(std::string_view name, std::string_view help,
                                     prometheus::MetricType type);
// Appends make_family(...) and returns it: valid until the next append to `out`.
prometheus::MetricFamily& add_family(Families& out, std::string_view name, std::string_view help,
                                     prometheus::MetricType type);

// Appends one series; the value goes where the family's type keeps it.
void add_value(prometheus::MetricFamily& family, std::vector<Label> labels, double value);

// Appends a histogram series (buckets made cumulative, +Inf last).
void add_histogram(prometheus::MetricFamily& family, const Distribution& distribution);

inline constexpr std::string_view kPrefix = "rtp_relay_";

}  // namespace rr::metrics
