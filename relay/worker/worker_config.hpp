// The slice of configuration one worker needs, built by the daemon after the ports are up.
// Copied into the worker at construction; nothing here is read from a global.
#pragma once

#include <cstdint>
#include <vector>

#include "relay/packet/address.hpp"
#include "relay/packet/ethernet.hpp"

struct rte_mempool;

namespace rr::table {
class ForwardingTable;
}

namespace rr::worker {

class NeighbourService;

// One of the relay's addresses on a port: answered for ARP/ND/ping, and the on-link prefix
// that decides whether a destination is a neighbour or behind the gateway.
struct InterfaceAddress {
  IpAddress address;
  uint8_t prefix_length = 24;
  IpAddress gateway;  // next hop for off-link destinations of this family; unspecified = none
};

struct PortSetup {
  uint16_t port_id = 0;  // DPDK port id
  uint16_t queue = 0;    // this worker's RX and TX queue on the port
  packet::MacAddress mac;
  std::vector<InterfaceAddress> addresses;
  bool has_vlan = false;  // tag egress frames (and answer on) this 802.1Q TCI
  uint16_t vlan_tci = 0;
  bool tx_ipv4_checksum = false;  // port offloads (relay/dpdk PortOffloads)
  bool tx_udp_checksum = false;
};

struct WorkerConfig {
  unsigned index = 0;                            // QSBR slot and counter label
  std::vector<PortSetup> ports;                  // at most kMaxPorts
  table::ForwardingTable* table = nullptr;       // outlives the worker
  rte_mempool* pool = nullptr;                   // mbufs for ARP requests / NS the worker originates
  uint64_t tsc_hz = 0;                           // rte_get_tsc_hz(); 0 = ask DPDK
  // Shared by every worker of the daemon (worker 0 writes it; see neighbour_service.hpp) and
  // outlives them. Null: the worker keeps a private one — right for a single worker only.
  NeighbourService* neighbours = nullptr;
  uint32_t neighbour_max_age_ms = 300'000;       // re-resolve a neighbour after this (private service)
  uint32_t neighbour_retry_ms = 1000;            // at most one ARP request / NS per next hop per interval
};

}  // namespace rr::worker
