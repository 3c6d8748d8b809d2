#include "control/metrics/distribution.hpp"

#include <algorithm>

namespace rr::metrics {

void Distribution::observe(double value) {
  // lower_bound: a value equal to a bound belongs to that bucket (Prometheus' `le`).
  auto bucket = std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin();
  ++counts_[static_cast<size_t>(bucket)];
  ++count_;
  sum_ += value;
}

}  // namespace rr::metrics
