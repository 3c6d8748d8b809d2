// rtp-relay: wiring only. Configuration → logging → data plane (EAL, ports, table, workers)
// → control (ng server, sessions, timeouts) → metrics; SIGTERM/SIGINT stop the ng loop and
// everything is torn down in reverse order, exit 0.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <csignal>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <system_error>

#include "daemon/config.hpp"
#include "daemon/control_plane.hpp"
#include "daemon/data_plane.hpp"
#include "daemon/logging.hpp"
#include "daemon/metrics_server.hpp"
#include "daemon/signals.hpp"
#include "relay/table/hot_memory.hpp"

namespace {

int run(const rr::daemon::Config& config) {
  using rr::daemon::DataPlane;
  using rr::daemon::StartError;
  spdlog::info("rtp-relay {} starting: ports {}-{}, {} worker(s), profile {}", RR_VERSION,
               config.port_min, config.port_max, config.worker_cores.size(), config.dpdk_profile);

  auto started = DataPlane::start(config, RR_PROFILE_DIR);
  if (auto* error = std::get_if<StartError>(&started)) {
    spdlog::critical("{}", error->message);
    return error->exit_code;
  }
  auto& data_plane = *std::get<std::unique_ptr<DataPlane>>(started);

  auto control_started = rr::daemon::ControlPlane::start(config, data_plane);
  if (auto* error = std::get_if<StartError>(&control_started)) {
    spdlog::critical("{}", error->message);
    return error->exit_code;
  }
  auto& control = *std::get<std::unique_ptr<rr::daemon::ControlPlane>>(control_started);
  for (const auto& endpoint : control.server().local_endpoints()) {
    spdlog::info("ng listening on {}", endpoint.to_string());
  }
  for (const auto& i : config.interfaces) {
    spdlog::info("media address {}/{} on interface {}{}", i.address.to_string(), i.prefix_length, i.name,
                 i.advertised ? " advertised as " + i.advertised->to_string() : "");
  }
  // Declared after the data and control planes so that it stops serving before they go.
  auto metrics_started = rr::daemon::start_metrics(config, data_plane, control);
  if (auto* error = std::get_if<StartError>(&metrics_started)) {
    spdlog::critical("{}", error->message);
    return error->exit_code;
  }
  const std::string thp = rr::table::hot_memory::transparent_huge_pages();
  spdlog::info("ready: {} mbufs, hugepages {}, transparent huge pages {}", data_plane.mempool().size(),
               data_plane.hugepages() ? "yes" : "no", thp.empty() ? "unknown" : thp);
  if (thp == "never")
    spdlog::warn("transparent huge pages are off: stream tables stay on 4 KiB pages, slower at many streams "
                 "(set /sys/kernel/mm/transparent_hugepage/enabled to madvise)");

  {
    rr::daemon::StopSignalWaiter waiter([&](int signal) {
      spdlog::info("{}: stopping", signal == SIGTERM ? "SIGTERM" : "SIGINT");
      control.stop();
    });
    control.run();
  }
  spdlog::info("stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  auto parsed = rr::daemon::parse_config(argc, argv);
  if (auto* exit = std::get_if<rr::daemon::Exit>(&parsed)) {
    std::fprintf(exit->code == 0 ? stdout : stderr, "%s%s\n", exit->code == 0 ? "" : "rtp-relay: ",
                 exit->message.c_str());
    return exit->code;
  }
  const auto& config = std::get<rr::daemon::Config>(parsed);
  if (auto error = rr::daemon::validate_cores(config, static_cast<unsigned>(sysconf(_SC_NPROCESSORS_ONLN)))) {
    std::fprintf(stderr, "rtp-relay: %s\n", error->c_str());
    return 2;
  }
  // Before EAL or any other thread exists, so every thread inherits the blocked mask.
  rr::daemon::block_stop_signals();
  rr::daemon::start_logging(config.log_level, std::getenv("JOURNAL_STREAM") != nullptr);
  return run(config);
}
