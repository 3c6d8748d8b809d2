// /metrics on listen-http: the data plane's families (worker counters, mempool) and the
// control plane's (calls, ng requests, ports, per-stream series), all read at scrape time.
#pragma once

#include <memory>
#include <variant>

#include "control/metrics/exporter.hpp"
#include "daemon/config.hpp"
#include "daemon/control_plane.hpp"
#include "daemon/data_plane.hpp"

namespace rr::daemon {

// Nothing (null) when listen-http is not configured; a StartError naming listen-http when the
// endpoint cannot be served. The exporter must be destroyed before both planes.
std::variant<std::unique_ptr<metrics::Exporter>, StartError> start_metrics(const Config& config,
                                                                          const DataPlane& data_plane,
                                                                          ControlPlane& control);

}  // namespace rr::daemon
