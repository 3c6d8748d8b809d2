#include "relay/dpdk/port.hpp"

#include <rte_pci.h>
#include <rte_dev.h>
#include <rte_errno.h>
#include <rte_ethdev.h>

#include <algorithm>

namespace rr::dpdk {
namespace {

// RSS on the UDP/IP 4-tuple spreads streams over workers; plain IP hashing catches the rest.
constexpr uint64_t kWantedRss = RTE_ETH_RSS_IPV4 | RTE_ETH_RSS_NONFRAG_IPV4_UDP |
                                RTE_ETH_RSS_IPV6 | RTE_ETH_RSS_NONFRAG_IPV6_UDP;

Error port_error(const std::string& name, const std::string& what, int rc) {
  return Error{Errc::port, "port '" + name + "': " + what + ": " + rte_strerror(-rc)};
}

// "03:00.0" and "0000:03:00.0" name the same PCI function; ethdev names use the long form.
std::string canonical_name(std::string_view device) {
  std::string name(device.substr(0, device.find(',')));
  rte_pci_addr addr{};
  if (rte_pci_addr_parse(name.c_str(), &addr) == 0) {
    char pci[PCI_PRI_STR_SIZE];
    rte_pci_device_name(&addr, pci, sizeof(pci));
    return pci;
  }
  return name;
}

}  // namespace

Result<uint16_t> find_port(std::string_view device) {
  uint16_t id = 0;
  if (rte_eth_dev_get_port_by_name(canonical_name(device).c_str(), &id) == 0) return id;
  return Error{Errc::no_such_port, "no such port '" + std::string(device) + "'"};
}

Result<Port> Port::open(const PortConfig& config, rte_mempool* rx_pool) {
  auto found = find_port(config.device);
  bool probed = false;
  if (!found) {
    // Not probed by the EAL arguments: hot-plug it (vdev devargs or a PCI address).
    const int rc = rte_dev_probe(config.device.c_str());
    found = find_port(config.device);
    if (rc < 0 || !found) {
      std::string detail = rc < 0 ? rte_strerror(-rc) : "probed, but no ethdev of that name";
      return Error{Errc::no_such_port, "no such port '" + config.device + "' (" + detail + ")"};
    }
    probed = true;
  }
  const uint16_t id = found.value();
  rte_eth_dev_info info{};
  if (const int rc = rte_eth_dev_info_get(id, &info); rc != 0) {
    return port_error(config.device, "device info", rc);
  }
  char name[RTE_ETH_NAME_MAX_LEN] = {};
  rte_eth_dev_get_name_by_port(id, name);
  Port port(id, name, probed ? info.device : nullptr);
  if (Status started = port.configure_and_start(config, info, rx_pool); !started) {
    return started.error();
  }
  return port;
}

Status Port::configure_and_start(const PortConfig& config, const rte_eth_dev_info& info,
                                 rte_mempool* rx_pool) {
  if (config.queues == 0 || config.queues > info.max_rx_queues ||
      config.queues > info.max_tx_queues) {
    return Error{Errc::port, "port '" + name_ + "': " + std::to_string(config.queues) +
                                 " queues requested, device offers 1.." +
                                 std::to_string(std::min(info.max_rx_queues,
                                                         info.max_tx_queues))};
  }
  if (config.mtu < info.min_mtu || config.mtu > info.max_mtu) {
    return Error{Errc::port, "port '" + name_ + "': mtu " + std::to_string(config.mtu) +
                                 " outside " + std::to_string(info.min_mtu) + ".." +
                                 std::to_string(info.max_mtu)};
  }
  rte_eth_conf conf{};
  const uint64_t rss = kWantedRss & info.flow_type_rss_offloads;
  if (config.queues > 1 && rss != 0) {
    conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
    conf.rx_adv_conf.rss_conf.rss_hf = rss;  // the driver's default key
    offloads_.rss = true;
  }
  conf.rxmode.mtu = config.mtu;
  conf.txmode.offloads = info.tx_offload_capa &
                         (RTE_ETH_TX_OFFLOAD_IPV4_CKSUM | RTE_ETH_TX_OFFLOAD_UDP_CKSUM);
  offloads_.tx_ipv4_checksum = conf.txmode.offloads & RTE_ETH_TX_OFFLOAD_IPV4_CKSUM;
  offloads_.tx_udp_checksum = conf.txmode.offloads & RTE_ETH_TX_OFFLOAD_UDP_CKSUM;

  if (int rc = rte_eth_dev_configure(id_, config.queues, config.queues, &conf); rc != 0) {
    return port_error(name_, "configure", rc);
  }
  // Virtual devices without an MTU operation keep the configured value; that is fine.
  if (int rc = rte_eth_dev_set_mtu(id_, config.mtu); rc != 0 && rc != -ENOTSUP) {
    return port_error(name_, "set mtu " + std::to_string(config.mtu), rc);
  }
  uint16_t rx_descriptors = config.rx_descriptors;
  uint16_t tx_descriptors = config.tx_descriptors;
  if (int rc = rte_eth_dev_adjust_nb_rx_tx_desc(id_, &rx_descriptors, &tx_descriptors);
      rc != 0) {
    return port_error(name_, "descriptor counts", rc);
  }
  const int socket = rte_eth_dev_socket_id(id_);  // −1 (any) for most vdevs
  rte_eth_rxconf rxconf = info.default_rxconf;
  rxconf.offloads = conf.rxmode.offloads;
  rte_eth_txconf txconf = info.default_txconf;
  txconf.offloads = conf.txmode.offloads;
  for (uint16_t q = 0; q < config.queues; ++q) {
    if (int rc = rte_eth_rx_queue_setup(id_, q, rx_descriptors, socket, &rxconf, rx_pool);
        rc != 0) {
      return port_error(name_, "rx queue " + std::to_string(q), rc);
    }
    if (int rc = rte_eth_tx_queue_setup(id_, q, tx_descriptors, socket, &txconf); rc != 0) {
      return port_error(name_, "tx queue " + std::to_string(q), rc);
    }
  }
  // The relay answers only for its own addresses; other traffic should not reach the workers.
  if (int rc = rte_eth_promiscuous_disable(id_); rc != 0 && rc != -ENOTSUP) {
    return port_error(name_, "promiscuous off", rc);
  }
  if (int rc = rte_eth_dev_start(id_); rc != 0) return port_error(name_, "start", rc);
  queues_ = config.queues;
  mtu_ = config.mtu;
  return {};
}

Port::Port(Port&& other) noexcept
    : id_(other.id_),
      name_(std::move(other.name_)),
      probed_(other.probed_),
      queues_(other.queues_),
      mtu_(other.mtu_),
      offloads_(other.offloads_),
      owner_(other.owner_) {
  other.owner_ = false;
}

Port::~Port() {
  if (!owner_) return;
  // Return values ignored: at teardown there is nobody left to report to, and close must
  // run even if stop fails.
  if (queues_ != 0) (void)rte_eth_dev_stop(id_);  // set only once started
  (void)rte_eth_dev_close(id_);
  if (probed_ != nullptr) (void)rte_dev_remove(probed_);
}

MacAddress Port::mac() const {
  rte_ether_addr addr{};
  (void)rte_eth_macaddr_get(id_, &addr);  // fails only for an invalid id, which we never hold
  return MacAddress::from(addr.addr_bytes);
}

LinkStatus Port::link() const {
  rte_eth_link link{};
  if (rte_eth_link_get_nowait(id_, &link) != 0) return {};
  return LinkStatus{link.link_status == RTE_ETH_LINK_UP, link.link_speed,
                    link.link_duplex == RTE_ETH_LINK_FULL_DUPLEX};
}

PortStats Port::stats() const {
  rte_eth_stats s{};
  if (rte_eth_stats_get(id_, &s) != 0) return {};
  return PortStats{.rx_packets = s.ipackets,
                   .tx_packets = s.opackets,
                   .rx_bytes = s.ibytes,
                   .tx_bytes = s.obytes,
                   .rx_missed = s.imissed,
                   .rx_errors = s.ierrors,
                   .tx_errors = s.oerrors,
                   .rx_no_mbuf = s.rx_nombuf};
}

}  // namespace rr::dpdk
