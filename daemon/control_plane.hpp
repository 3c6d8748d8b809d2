// The control plane as the daemon owns it: sessions (calls, ports, timeouts), the adapter that
// publishes their media into the forwarding table, the ng command handler and the ng UDP
// server. One thread: run() serves ng and ticks timeouts until stop().
#pragma once

#include <memory>
#include <variant>

#include "control/commands/handlers.hpp"
#include "control/metrics/control_metrics.hpp"
#include "control/dataplane/table_forwarding.hpp"
#include "control/ng/processor.hpp"
#include "control/ng/udp_server.hpp"
#include "control/session/sessions.hpp"
#include "daemon/config.hpp"
#include "daemon/data_plane.hpp"

namespace rr::daemon {

class ControlPlane {
 public:
  // Binds every listen-ng address; a failure is a StartError naming listen-ng.
  static std::variant<std::unique_ptr<ControlPlane>, StartError> start(const Config& config,
                                                                       DataPlane& data_plane);

  void run();             // serves ng, ticks timeouts once a second, until stop()
  void stop() noexcept;   // any thread

  session::Sessions& sessions() { return *sessions_; }
  metrics::ControlMetrics& metrics() { return *metrics_; }
  const ng::UdpServer& server() const { return *server_; }

 private:
  ControlPlane() = default;

  std::unique_ptr<dataplane::TableForwarding> forwarding_;
  std::unique_ptr<session::Sessions> sessions_;
  std::unique_ptr<commands::SessionHandler> handler_;
  std::unique_ptr<metrics::ControlMetrics> metrics_;  // counts around handler_
  std::unique_ptr<ng::RequestProcessor> processor_;
  std::unique_ptr<ng::UdpServer> server_;
};

// The session layer's view of the configuration: interfaces in first-mention order, each
// with its addresses and the port range, and the limits and timeouts. Pure, tested alone.
session::SessionsConfig sessions_config(const Config& config);

}  // namespace rr::daemon
