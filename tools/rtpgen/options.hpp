// rtpgen's command line. Every run is bounded: --duration and/or --packets.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "relay/packet/address.hpp"
#include "relay/packet/ethernet.hpp"
#include "tools/rtpgen/srtp_sdp.hpp"

namespace rr::rtpgen {

enum class Mode { loop, send, sink, relay };
// socket: kernel UDP sockets; dpdk: a DPDK port per side that frames packets itself.
enum class Transport { socket, dpdk };

struct Options {
  Mode mode = Mode::loop;
  uint32_t streams = 1;
  double rate_pps = 0;          // aggregate per direction; 0 = 50 per stream (20 ms G.711)
  double duration_s = 10;
  uint64_t packets = 0;         // per direction; 0 = rate * duration
  double drain_s = 0.5;         // keep receiving after the last send
  IpAddress local = IpAddress::v4(127, 0, 0, 1);
  std::optional<Endpoint> destination;  // send
  std::optional<Endpoint> listen;       // sink
  std::optional<Endpoint> ng;           // relay
  double ng_timeout_s = 1;
  int ng_attempts = 3;
  std::string json_file;
  uint32_t rows = 10;           // per-stream lines in the table
  uint32_t latency_streams = 1000;
  bool allow_any_destination = false;
  // Caller A and callee B (loop and relay modes): B's address, each side's namespace.
  std::optional<IpAddress> local_b;  // default: --local
  std::string netns_a, netns_b;      // empty: this process's namespace
  std::vector<std::string> ng_direction;  // offer's interface names [A's, B's]; empty: none
  Transport transport = Transport::socket;
  std::string dpdk_a, dpdk_b;             // vdevs with devargs
  packet::MacAddress peer_mac_a, peer_mac_b;  // next hops, static
  uint16_t udp_port_a = 30000, udp_port_b = 30002;
  int dpdk_core = -1;                     // EAL main lcore; -1: first CPU we may run on
  SrtpCall srtp;                          // relay mode: which leg speaks SRTP, and its suite

  IpAddress address_b() const { return local_b.value_or(local); }
  double rate() const { return rate_pps > 0 ? rate_pps : 50.0 * streams; }
  // Packets per direction this run sends: the smaller of --packets and rate * duration.
  uint64_t packet_limit() const;
};

struct ParsedOptions {
  Options options;
  std::string error;
  bool help = false;
  std::string usage;
};

ParsedOptions parse_options(int argc, const char* const* argv);

// "02:00:00:00:00:01" → MAC; nullopt if malformed.
std::optional<packet::MacAddress> parse_mac(const std::string& text);

}  // namespace rr::rtpgen
