// What Sessions needs from the daemon's configuration: interfaces with their port ranges,
// the session limit and rtpengine's three timeouts. Clocks are injected for tests.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "control/ports/port_range.hpp"
#include "relay/packet/address.hpp"

namespace rr::session {

struct InterfaceConfig {
  std::string name;                  // rtpengine's interface name ("pub", "priv", ...)
  std::vector<IpAddress> addresses;  // v4 and/or v6; each family gets its own allocator
  ports::RangeConfig range;
  // rtpengine's --interface NAME/LOCAL!ADVERTISED: behind 1:1 NAT the SDP carries the
  // public address of a local one. Local addresses not in the map advertise themselves.
  std::map<IpAddress, IpAddress> advertised;
};

struct Timeouts {
  std::chrono::seconds timeout{60};           // no media at all
  std::chrono::seconds silent_timeout{3600};  // no media on a call on hold
  std::chrono::seconds final_timeout{0};      // hard cap on call age; 0 = none
};

struct SessionsConfig {
  std::vector<InterfaceConfig> interfaces;  // the first one is the default
  size_t max_sessions = 0;                  // 0 = unlimited
  Timeouts timeouts;
  // rtpengine's delete-delay: a deleted call keeps relaying this long, then ends (at the
  // next tick), unless a new offer/answer revives it. A delete's own "delete delay" key
  // overrides it. rtpengine defaults to 30 s; 0 here keeps "media stops when delete returns".
  std::chrono::seconds delete_delay{0};
  uint32_t port_seed = 0;  // round-robin start; random in production
  std::function<std::chrono::steady_clock::time_point()> now = std::chrono::steady_clock::now;
  std::function<int64_t()> unix_now = [] {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
};

}  // namespace rr::session
