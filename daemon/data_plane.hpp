// The data plane as the daemon owns it: EAL, mbuf pool, one DPDK port per interface, the
// forwarding table and one worker per configured core. Brought up in that order by start(),
// torn down in reverse by the destructor (workers stopped and joined first).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "daemon/config.hpp"
#include "relay/dpdk/eal.hpp"
#include "relay/dpdk/mempool.hpp"
#include "relay/dpdk/port.hpp"
#include "relay/table/forwarding_table.hpp"
#include "relay/worker/neighbour_service.hpp"
#include "relay/worker/worker.hpp"

namespace rr::daemon {

// Why start-up failed: the line to print and the exit code (2: configuration, 1: the machine).
struct StartError {
  int exit_code;
  std::string message;
};

class DataPlane {
 public:
  struct Interface {  // one configured interface and the DPDK port that carries it
    std::string name;
    uint16_t port_id;
    std::string device;
  };

  // `profile_dir` is where profile names are looked up (dpdk-config/profiles).
  static std::variant<std::unique_ptr<DataPlane>, StartError> start(const Config& config,
                                                                    const std::string& profile_dir);
  ~DataPlane();
  DataPlane(const DataPlane&) = delete;
  DataPlane& operator=(const DataPlane&) = delete;

  table::ForwardingTable& table() { return *table_; }
  const std::vector<std::unique_ptr<worker::Worker>>& workers() const { return workers_; }
  const std::vector<Interface>& interfaces() const { return interfaces_; }
  // Each interface's port counters (rte_eth_stats_get: safe beside the polling workers).
  std::vector<std::pair<std::string, dpdk::PortStats>> port_stats() const;
  const dpdk::Mempool& mempool() const { return *pool_; }
  bool hugepages() const { return eal_->hugepages(); }
  uint64_t tsc_hz() const;                           // the workers' time base
  uint64_t now_ticks() const;                        // now, in that time base
  uint16_t port_of(const std::string& interface) const;  // DPDK port carrying that interface

 private:
  DataPlane() = default;
  std::optional<StartError> launch_workers(const Config& config);
  void stop_workers();

  // Declaration order is destruction order reversed: the EAL outlives everything.
  std::optional<dpdk::Eal> eal_;
  std::optional<dpdk::Mempool> pool_;
  std::vector<dpdk::Port> ports_;
  std::vector<Interface> interfaces_;
  std::unique_ptr<table::ForwardingTable> table_;
  // One neighbour table for all workers: worker 0 (queue 0, where ARP and ND land) writes it.
  std::unique_ptr<worker::NeighbourService> neighbours_;
  std::vector<std::unique_ptr<worker::Worker>> workers_;
  std::vector<unsigned> running_lcores_;
};

}  // namespace rr::daemon
