#include "control/metrics/exporter.hpp"

namespace rr::metrics {

namespace {
// Scrapes are rare (every 15 s or so) and cheap: one thread is plenty and keeps the
// control core quiet.
constexpr size_t kHttpThreads = 1;
}  // namespace

Exporter::Exporter(const Endpoint& listen_http) : listen_(listen_http) {
  try {
    // Endpoint::to_string gives "1.2.3.4:9100" or "[::1]:9100", civetweb's syntax.
    exposer_ = std::make_unique<prometheus::Exposer>(listen_http.to_string(), kHttpThreads);
  } catch (const std::exception& e) {
    throw ExporterError("listen-http: cannot serve metrics on " + listen_http.to_string() + ": " +
                        e.what());
  }
}

Exporter::~Exporter() = default;

void Exporter::add(std::shared_ptr<prometheus::Collectable> collectable) {
  exposer_->RegisterCollectable(collectable);
  collectables_.push_back(std::move(collectable));
}

Endpoint Exporter::local_endpoint() const {
  Endpoint local = listen_;
  const auto ports = exposer_->GetListeningPorts();
  if (!ports.empty()) local.port = static_cast<uint16_t>(ports.front());
  return local;
}

}  // namespace rr::metrics
