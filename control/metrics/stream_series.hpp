// Per-stream gauges labelled call_id, leg, media and direction, for the per-call dashboard.
#pragma once

#include "control/metrics/control_sample.hpp"
#include "control/metrics/family.hpp"

namespace rr::metrics {

// Appends the per-stream families (one series per kept stream) and the count left out.
void add_stream_series(Families& out, const ControlSample& sample);

}  // namespace rr::metrics
