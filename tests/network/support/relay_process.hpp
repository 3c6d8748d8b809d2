// The real rtp-relay daemon on veth ends: a generated EAL profile with one AF_PACKET (or
// AF_XDP) vdev per media port, --no-huge, ng on 127.0.0.1 (management stays on the root
// namespace's loopback, media on DPDK). Killed with its process group if the test fails.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "relay/packet/address.hpp"
#include "tests/support/process.hpp"

namespace rr::netlab {

// net_null: a port that swallows everything, for tests that only exercise ng.
enum class Driver { af_packet, af_xdp, null };

struct RelayMediaPort {
  std::string interface;  // the relay's interface name, e.g. "a" (direction= in offers)
  IpAddress address;      // the relay's media address on it
  uint8_t prefix_length = 24;
  std::string device;     // the root-side veth end DPDK drives (unused by net_null)
  std::vector<std::pair<IpAddress, uint8_t>> more_addresses;  // e.g. IPv6, with prefix length
};

struct RelayOptions {
  std::string binary;  // $<TARGET_FILE:rtp-relay>
  std::vector<RelayMediaPort> ports;
  Driver driver = Driver::af_packet;
  uint16_t port_min = 30000, port_max = 30099;  // media ports, away from other tests' 10000s
  std::vector<std::string> extra_args;
};

// The EAL profile text for `options` (one vdev line per media port), exposed for tests.
std::string relay_profile(const RelayOptions& options);

// A UDP port on 127.0.0.1 that was free a moment ago (bind port 0, read it, close).
uint16_t free_udp_port();

class RelayProcess {
 public:
  explicit RelayProcess(RelayOptions options);
  ~RelayProcess();
  RelayProcess(const RelayProcess&) = delete;
  RelayProcess& operator=(const RelayProcess&) = delete;

  // Waits until ng answers ping; false (see output()) when the daemon exited or timed out.
  bool wait_ready(std::chrono::milliseconds timeout);
  Endpoint ng() const { return ng_; }
  // SIGTERM and wait: the exit code, or nothing if it did not stop within `timeout`.
  std::optional<int> stop(std::chrono::milliseconds timeout = std::chrono::seconds(30));
  std::string output() const { return child_->output(); }

 private:
  RelayOptions options_;
  Endpoint ng_;
  std::string profile_path_, log_path_, suppressions_path_;
  std::unique_ptr<test::Child> child_;
};

}  // namespace rr::netlab
