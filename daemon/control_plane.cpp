#include "daemon/control_plane.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <random>
#include <system_error>

namespace rr::daemon {

session::SessionsConfig sessions_config(const Config& config) {
  session::SessionsConfig result;
  for (const auto& i : config.interfaces) {
    auto it = std::find_if(result.interfaces.begin(), result.interfaces.end(),
                           [&](const auto& s) { return s.name == i.name; });
    if (it == result.interfaces.end()) {
      it = result.interfaces.insert(result.interfaces.end(), {.name = i.name});
      it->range.port_min = config.port_min;
      it->range.port_max = config.port_max;
      it->range.quarantine = std::chrono::seconds(config.port_quarantine);
    }
    it->addresses.push_back(i.address);
    if (i.advertised) it->advertised[i.address] = *i.advertised;
  }
  result.max_sessions = config.max_sessions < 0 ? 0 : static_cast<size_t>(config.max_sessions);
  result.timeouts.timeout = std::chrono::seconds(config.timeout);
  result.timeouts.silent_timeout = std::chrono::seconds(config.silent_timeout);
  result.timeouts.final_timeout = std::chrono::seconds(config.final_timeout);
  result.delete_delay = std::chrono::seconds(config.delete_delay);
  // Spread port use across restarts, so a restarted relay does not hand out the ports that
  // late packets of its previous life may still be arriving on.
  result.port_seed = std::random_device{}();
  return result;
}

std::variant<std::unique_ptr<ControlPlane>, StartError> ControlPlane::start(const Config& config,
                                                                            DataPlane& data_plane) {
  std::unique_ptr<ControlPlane> plane(new ControlPlane());
  auto sessions = sessions_config(config);

  dataplane::DataplaneConfig forwarding{.ticks_per_second = data_plane.tsc_hz()};
  forwarding.learning_window = {config.learning_packets, config.learning_ms};
  for (const auto& interface : sessions.interfaces) {
    forwarding.port_ids.push_back(data_plane.port_of(interface.name));
  }
  plane->forwarding_ = std::make_unique<dataplane::TableForwarding>(data_plane.table(), std::move(forwarding));
  plane->sessions_ = std::make_unique<session::Sessions>(std::move(sessions), *plane->forwarding_);
  plane->handler_ = std::make_unique<commands::SessionHandler>(*plane->sessions_);
  auto* forwarding_view = plane->forwarding_.get();
  auto* raw = plane.get();
  plane->metrics_ = std::make_unique<metrics::ControlMetrics>(metrics::ControlMetricsInputs{
      .sessions = *plane->sessions_,
      .handler = *plane->handler_,
      .stream_stats = [forwarding_view](const Endpoint& relay) { return forwarding_view->stream_stats(relay); },
      .clock = {data_plane.tsc_hz(), [&data_plane] { return data_plane.now_ticks(); }},
      .port_pools =
          [raw] {
            std::vector<metrics::PortPool> pools;
            for (auto& p : raw->sessions_->port_counters()) pools.push_back({p.interface, p.counters});
            return pools;
          },
      .server = [raw] { return raw->server_ ? raw->server_->counters() : ng::ServerCounters{}; },
      .reply_cache =
          [raw] {
            if (!raw->processor_) return metrics::ReplyCacheCounts{};
            const ng::ReplyCache& cache = raw->processor_->cache();
            return metrics::ReplyCacheCounts{cache.size(), cache.bytes(), cache.max_bytes(),
                                             cache.evicted_early()};
          }},
      metrics::SamplerOptions{.max_stream_series = config.metrics_max_streams});
  ng::ProcessorOptions processing;
  processing.cache.max_bytes = size_t{config.ng_reply_cache_mb} << 20;
  plane->processor_ = std::make_unique<ng::RequestProcessor>(&plane->metrics_->handler(), processing);
  try {
    plane->server_ = std::make_unique<ng::UdpServer>(config.listen_ng, *plane->processor_);
  } catch (const std::system_error& e) {
    return StartError{1, std::string("listen-ng: ") + e.what()};
  }
  return plane;
}

void ControlPlane::run() {
  server_->run([this] {
    if (size_t ended = sessions_->tick(); ended > 0) spdlog::debug("{} call(s) timed out", ended);
    metrics_->tick();
  });
}

void ControlPlane::stop() noexcept { server_->stop(); }

}  // namespace rr::daemon
