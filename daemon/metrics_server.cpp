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
  auto ports = [&data_plane] {
    std::vector<metrics::PortCounters> result;
    for (const auto& [interface, s] : data_plane.port_stats()) {
      result.push_back({.interface = interface, .rx_packets = s.rx_packets, .tx_packets = s.tx_packets,
                        .rx_missed = s.rx_missed, .rx_no_mbuf = s.rx_no_mbuf, .rx_errors = s.rx_errors,
                        .tx_errors = s.tx_errors});
    }
    return result;
  };
  exporter->add(std::make_shared<metrics::RelayCollector>(
      std::move(counters), metrics::MempoolSource{[&pool] { return pool.free_count(); }, pool.size()},
      std::move(ports)));
  exporter->add(control.metrics().collector());
  spdlog::info("metrics on http://{}/metrics", exporter->local_endpoint().to_string());
  return exporter;
}

}  // namespace rr::daemon
