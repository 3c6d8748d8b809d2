// A DPDK ethernet port, owned: found or probed, configured with one RX and one TX queue per
// worker, started; stopped and closed (and removed, if this object probed it) on destruction.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "relay/dpdk/result.hpp"
#include "relay/packet/ethernet.hpp"

struct rte_device;
struct rte_eth_dev_info;
struct rte_mempool;

namespace rr::dpdk {

struct PortConfig {
  // A vdev with its devargs ("net_tap0,iface=rr0"), an ethdev name already probed by the
  // EAL's --vdev/-a arguments, or a PCI address ("0000:03:00.0" or "03:00.0").
  std::string device;
  uint16_t queues = 1;  // RX queues = TX queues = workers
  uint16_t rx_descriptors = 1024;
  uint16_t tx_descriptors = 1024;
  uint16_t mtu = 1500;
};

// What the device does for us. The worker reads the checksum flags to decide whether to
// request offload in the mbuf (ol_flags) or compute checksums in software.
struct PortOffloads {
  bool rss = false;               // RX spread over queues by the UDP/IP 4-tuple
  bool tx_ipv4_checksum = false;  // RTE_ETH_TX_OFFLOAD_IPV4_CKSUM enabled
  bool tx_udp_checksum = false;   // RTE_ETH_TX_OFFLOAD_UDP_CKSUM enabled
};

struct LinkStatus {
  bool up = false;
  uint32_t speed_mbps = 0;
  bool full_duplex = false;
};

// Device counters for metrics (rte_eth_stats_get); read from the control thread, any time.
struct PortStats {
  uint64_t rx_packets = 0;
  uint64_t tx_packets = 0;
  uint64_t rx_bytes = 0;
  uint64_t tx_bytes = 0;
  uint64_t rx_missed = 0;  // dropped by the NIC: RX rings full, the workers are too slow
  uint64_t rx_errors = 0;
  uint64_t tx_errors = 0;
  uint64_t rx_no_mbuf = 0;  // RX refill failed: the mempool is too small
};

using MacAddress = packet::MacAddress;  // one MAC type for the whole data plane

// The port id of `device` if it is already probed, without probing. Errc::no_such_port
// with message "no such port '<device>'" otherwise.
Result<uint16_t> find_port(std::string_view device);

class Port {
 public:
  // Finds the device (probing it with rte_dev_probe if it is a vdev or PCI address not probed
  // yet), configures queues, RSS, offloads and MTU, disables promiscuous mode and starts it.
  // RX queues take mbufs from `rx_pool`. A device that does not exist gives Errc::no_such_port.
  static Result<Port> open(const PortConfig& config, rte_mempool* rx_pool);

  Port(Port&& other) noexcept;
  Port& operator=(Port&&) = delete;
  Port(const Port&) = delete;
  Port& operator=(const Port&) = delete;
  ~Port();

  uint16_t id() const { return id_; }
  const std::string& name() const { return name_; }  // ethdev name, e.g. "net_tap0"
  uint16_t queues() const { return queues_; }
  uint16_t mtu() const { return mtu_; }
  const PortOffloads& offloads() const { return offloads_; }
  MacAddress mac() const;
  LinkStatus link() const;  // without waiting for autonegotiation
  PortStats stats() const;  // zeros if the driver keeps none

 private:
  Port(uint16_t id, std::string name, rte_device* probed)
      : id_(id), name_(std::move(name)), probed_(probed) {}
  // Queues, offloads, MTU, start: everything after the device is found. On error the
  // destructor undoes whatever was done.
  Status configure_and_start(const PortConfig& config, const rte_eth_dev_info& info,
                             rte_mempool* rx_pool);

  uint16_t id_;
  std::string name_;
  rte_device* probed_;  // set if we hot-plugged the device, so we remove it again
  uint16_t queues_ = 0;
  uint16_t mtu_ = 0;
  PortOffloads offloads_;
  bool owner_ = true;  // false once moved from
};

}  // namespace rr::dpdk
