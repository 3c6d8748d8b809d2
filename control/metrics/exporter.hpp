// The /metrics HTTP endpoint on --listen-http: RAII over prometheus::Exposer (civetweb).
// Scrapes run on the exposer's own threads and call the registered collectors there.
#pragma once

#include <prometheus/collectable.h>
#include <prometheus/exposer.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <vector>

#include "relay/packet/address.hpp"

namespace rr::metrics {

// Start-up failure; the text names the listen-http key and the endpoint.
class ExporterError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Exporter {
 public:
  // Binds now, so a taken or foreign address fails at start-up. Port 0: any free port.
  explicit Exporter(const Endpoint& listen_http);
  ~Exporter();
  Exporter(const Exporter&) = delete;
  Exporter& operator=(const Exporter&) = delete;

  // Serves `collectable` at /metrics and keeps it alive as long as the exporter.
  void add(std::shared_ptr<prometheus::Collectable> collectable);

  // Where it really listens (port 0 resolved).
  Endpoint local_endpoint() const;

 private:
  Endpoint listen_;
  // Declared before exposer_ so the exposer (and its threads) stop before they go away.
  std::vector<std::shared_ptr<prometheus::Collectable>> collectables_;
  std::unique_ptr<prometheus::Exposer> exposer_;
};

}  // namespace rr::metrics
