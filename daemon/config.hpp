// The daemon's configuration: every key, its default, and the validation that turns bad
// configuration into one line naming the key and the value (exit code 2) before anything starts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "relay/packet/address.hpp"

namespace rr::daemon {

// --interface NAME/ADDRESS[/PREFIXLEN][!ADVERTISED], rtpengine's syntax plus an optional prefix
// length (which peers are on-link; default /24 for IPv4, /64 for IPv6). One interface may be given
// several times with different addresses; each address gets the whole port range.
struct InterfaceAddress {
  std::string name;
  IpAddress address;
  uint8_t prefix_length = 24;
  std::optional<IpAddress> advertised;  // what SDP carries when the relay is behind 1:1 NAT
};

// --dpdk-port NAME=DEVICE: the DPDK device that carries the media of interface NAME:
// a vdev ("net_tap0,iface=rr0"), a PCI address ("0000:03:00.0") or an already probed port name.
struct DpdkPort {
  std::string interface;
  std::string device;
};

// --gateway NAME=ADDRESS: next hop for peers that are not on-link on interface NAME.
struct Gateway {
  std::string interface;
  IpAddress address;
};

// --vlan NAME=ID: interface NAME's media travels 802.1Q-tagged with VLAN ID on its DPDK port
// (a trunk port of the switch). Egress frames, ARP/ND requests and replies carry the tag;
// the worker drops ingress of any other VLAN (wrong_vlan).
struct Vlan {
  std::string interface;
  uint16_t id = 0;  // 1..4094
};

struct Config {
  std::vector<InterfaceAddress> interfaces;
  std::vector<Endpoint> listen_ng;
  std::optional<Endpoint> listen_http;
  unsigned metrics_max_streams = 2000;  // streams with per-stream series; aggregates stay exact
  uint16_t port_min = 10000;
  uint16_t port_max = 10499;
  unsigned port_quarantine = 60;  // seconds a freed port rests before reuse (late packets of old calls)
  unsigned timeout = 60;           // seconds; all streams of a call silent that long → torn down
  unsigned silent_timeout = 3600;  // the same for calls on hold (sendonly/inactive)
  unsigned final_timeout = 0;      // hard cap on call duration; 0 = none
  unsigned delete_delay = 0;       // seconds a deleted call keeps relaying (rtpengine: 30)
  unsigned ng_reply_cache_mb = 256;  // replies kept 60 s for retransmitted cookies, within this
  int max_sessions = -1;           // -1 = unlimited; at the limit offers get rtpengine's error
  std::string log_level = "info";
  // The latching window (RTP Bleed defence): a stream's source may latch only during its first
  // learning-packets packets and learning-ms milliseconds; strict-source then drops strangers.
  uint32_t learning_packets = 5;
  uint32_t learning_ms = 3000;  // trace debug info warn error critical off (or syslog 0–7)

  std::string dpdk_profile = "dev-tap";  // a name in dpdk-config/profiles or a path
  std::vector<std::string> dpdk_args;    // extra EAL arguments appended to the profile's
  std::vector<DpdkPort> dpdk_ports;
  std::vector<Gateway> gateways;
  std::vector<Vlan> vlans;
  std::vector<unsigned> worker_cores;  // lcores running workers; never the main lcore
  unsigned main_core = 0;
  bool no_huge = false;  // force --no-huge even when hugepages are available
  unsigned memory_mb = 512;  // EAL memory when running without hugepages
  unsigned mbufs = 0;        // packet buffers in the pool; 0 = sized from rings and workers
  // Descriptors per RX / TX queue. Deeper RX rings absorb longer stalls of a worker (a busy
  // neighbour core, an interrupt) before the NIC counts rx_missed; they also hold more mbufs.
  uint16_t rx_descriptors = 1024;
  uint16_t tx_descriptors = 1024;

  std::string config_file;  // where the INI came from, for logs
};

// What parsing decided: run with a configuration, or exit now (help/version printed → 0,
// bad configuration → 2 with one line naming the key).
struct Exit {
  int code;
  std::string message;  // printed to stdout for code 0, to stderr otherwise
};

using ParseResult = std::variant<Config, Exit>;

// Parses the command line and, when --config-file is given, the INI file (command line wins).
// Checks everything that can be checked without DPDK; see validate_with_system() for the rest.
ParseResult parse_config(int argc, const char* const argv[]);

// Checks that need the machine: worker cores exist and are online. Returns the error line.
std::optional<std::string> validate_cores(const Config& config, unsigned online_cpus);

}  // namespace rr::daemon
