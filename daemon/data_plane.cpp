#include "daemon/data_plane.hpp"

#include <rte_cycles.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "relay/dpdk/eal_args.hpp"
#include "relay/dpdk/lcore.hpp"

namespace rr::daemon {
namespace {

StartError config_error(const std::string& key, const std::string& value, const std::string& why) {
  return {2, "invalid configuration: " + key + "='" + value + "': " + why};
}

// The worker's view of one interface: its addresses, their on-link prefixes and gateways.
std::vector<worker::InterfaceAddress> addresses_of(const Config& config, const std::string& name) {
  std::vector<worker::InterfaceAddress> result;
  for (const auto& i : config.interfaces) {
    if (i.name != name) continue;
    worker::InterfaceAddress a{i.address, i.prefix_length, IpAddress{i.address.family, {}}};
    for (const auto& g : config.gateways) {
      if (g.interface == name && g.address.family == i.address.family) a.gateway = g.address;
    }
    result.push_back(a);
  }
  return result;
}

// The 802.1Q VLAN ID an interface's media is tagged with, if any.
std::optional<uint16_t> vlan_of(const Config& config, const std::string& name) {
  for (const auto& v : config.vlans) {
    if (v.interface == name) return v.id;
  }
  return std::nullopt;
}

}  // namespace

std::variant<std::unique_ptr<DataPlane>, StartError> DataPlane::start(const Config& config,
                                                                      const std::string& profile_dir) {
  std::unique_ptr<DataPlane> plane(new DataPlane());

  auto profile = dpdk::load_profile(config.dpdk_profile, profile_dir);
  if (!profile) return config_error("dpdk-profile", config.dpdk_profile, profile.error().message);
  dpdk::EalArgs args = *profile;
  args.insert(args.end(), config.dpdk_args.begin(), config.dpdk_args.end());
  auto lcores = dpdk::lcore_args(config.main_core, config.worker_cores);
  args.insert(args.end(), lcores.begin(), lcores.end());

  auto eal = dpdk::Eal::init({.args = args,
                              .force_no_huge = config.no_huge,
                              .no_huge_memory_mb = config.memory_mb});
  if (!eal) return StartError{1, eal.error().message};
  plane->eal_.emplace(std::move(*eal));
  if (!plane->eal_->warning().empty()) spdlog::warn("{}", plane->eal_->warning());
  for (unsigned core : config.worker_cores) {
    if (auto status = dpdk::check_worker_lcore(core); !status) {
      return config_error("worker-cores", std::to_string(core), status.error().message);
    }
  }

  const auto workers = static_cast<uint16_t>(config.worker_cores.size());
  const unsigned mbufs = config.mbufs != 0
      ? config.mbufs
      : dpdk::mempool_size({.ports = static_cast<unsigned>(config.dpdk_ports.size()),
                            .queues = workers,
                            .rx_descriptors = config.rx_descriptors,
                            .tx_descriptors = config.tx_descriptors,
                            .workers = workers});
  auto pool = dpdk::Mempool::create("rr_mbufs", mbufs);
  if (!pool) return StartError{1, pool.error().message};
  plane->pool_.emplace(std::move(*pool));

  for (const auto& p : config.dpdk_ports) {
    auto port = dpdk::Port::open({.device = p.device,
                                  .queues = workers,
                                  .rx_descriptors = config.rx_descriptors,
                                  .tx_descriptors = config.tx_descriptors},
                                 plane->pool_->get());
    if (!port) {
      if (port.error().code == dpdk::Errc::no_such_port) {
        return config_error("dpdk-port", p.interface + "=" + p.device, port.error().message);
      }
      return StartError{1, "dpdk-port '" + p.interface + "=" + p.device + "': " + port.error().message};
    }
    auto link = port->link();
    spdlog::info("interface {}: DPDK port {} ({}), link {}, rss {}, checksum offload ip {} udp {}", p.interface,
                 port->id(), port->name(), link.up ? "up" : "down", port->offloads().rss,
                 port->offloads().tx_ipv4_checksum, port->offloads().tx_udp_checksum);
    plane->interfaces_.push_back({p.interface, port->id(), p.device});
    plane->ports_.push_back(std::move(*port));
  }

  table::TableConfig table_config{.port_min = config.port_min, .port_max = config.port_max, .workers = workers};
  for (const auto& i : config.interfaces) table_config.local_addresses.push_back(i.address);
  plane->table_ = std::make_unique<table::ForwardingTable>(std::move(table_config));

  if (auto error = plane->launch_workers(config)) return *error;
  return plane;
}

std::optional<StartError> DataPlane::launch_workers(const Config& config) {
  const auto workers = static_cast<unsigned>(config.worker_cores.size());
  worker::WorkerConfig defaults;
  neighbours_ = std::make_unique<worker::NeighbourService>(workers, defaults.neighbour_max_age_ms,
                                                           defaults.neighbour_retry_ms);
  for (unsigned index = 0; index < workers; ++index) {
    worker::WorkerConfig wc{.index = index, .table = table_.get(), .pool = pool_->get()};
    wc.neighbours = neighbours_.get();
    for (size_t p = 0; p < ports_.size(); ++p) {
      const auto& port = ports_[p];
      worker::PortSetup setup{.port_id = port.id(), .queue = static_cast<uint16_t>(index)};
      setup.mac = port.mac();
      setup.addresses = addresses_of(config, interfaces_[p].name);
      if (auto vlan = vlan_of(config, interfaces_[p].name)) {
        setup.has_vlan = true;
        setup.vlan_tci = *vlan;  // priority 0, DEI 0: the TCI is the VLAN ID
      }
      setup.tx_ipv4_checksum = port.offloads().tx_ipv4_checksum;
      setup.tx_udp_checksum = port.offloads().tx_udp_checksum;
      wc.ports.push_back(std::move(setup));
    }
    workers_.push_back(std::make_unique<worker::Worker>(wc));
    unsigned lcore = config.worker_cores[index];
    if (auto status = dpdk::launch(lcore, *workers_.back()); !status) {
      return StartError{1, "worker " + std::to_string(index) + ": " + status.error().message};
    }
    running_lcores_.push_back(lcore);
    spdlog::info("worker {} polling on lcore {}", index, lcore);
  }
  return std::nullopt;
}

std::vector<std::pair<std::string, dpdk::PortStats>> DataPlane::port_stats() const {
  std::vector<std::pair<std::string, dpdk::PortStats>> result;
  for (size_t i = 0; i < ports_.size(); ++i) result.emplace_back(interfaces_[i].name, ports_[i].stats());
  return result;
}

uint64_t DataPlane::tsc_hz() const { return rte_get_tsc_hz(); }
uint64_t DataPlane::now_ticks() const { return rte_rdtsc(); }

uint16_t DataPlane::port_of(const std::string& interface) const {
  // Every interface has a port: config's cross_check refuses an interface without one.
  auto it = std::find_if(interfaces_.begin(), interfaces_.end(), [&](const auto& i) { return i.name == interface; });
  return it == interfaces_.end() ? 0 : it->port_id;
}

void DataPlane::stop_workers() {
  for (auto& w : workers_) w->stop();
  for (unsigned lcore : running_lcores_) dpdk::wait(lcore);
  running_lcores_.clear();
}

DataPlane::~DataPlane() {
  stop_workers();
  if (table_) table_->synchronize();
  workers_.clear();  // frees held and buffered mbufs before the pool goes
  neighbours_.reset();
  table_.reset();
  ports_.clear();
  pool_.reset();
  eal_.reset();
}

}  // namespace rr::daemon
