#include "daemon/metrics_server.hpp"

#include <spdlog/spdlog.h>

#include "control/metrics/relay_collector.hpp"

namespace rr::daemon {

std::variant<std::unique_ptr<metrics::Exporter>, StartError> start_metrics(const Config& config,
                                                                          const DataPlane& data_plane,
                                                                          ControlPlane& control) {
  if (!config.listen_http) return std::unique_ptr<metrics::Exporter>{};
  std::unique_ptr<metrics::Exporter> exporter;
  try {
    exporter = std::make_unique<metrics::Exporter>(*config.listen_http);
  } catch (const metrics::ExporterError& e) {
    return StartError{1, e.what()};
  }
  std::vector<const worker::WorkerCounters*> counters;
  for (const auto& worker : data_plane.workers()) counters.push_back(&worker->counters());
  const auto& pool = data_plane.mempool();
  exporter->add(std::make_shared<metrics::RelayCollector>(
      std::move(counters), metrics::MempoolSource{[&pool] { return pool.free_count(); }, pool.size()}));
  exporter->add(control.metrics().collector());
  spdlog::info("metrics on http://{}/metrics", exporter->local_endpoint().to_string());
  return exporter;
}

}  // namespace rr::daemon
