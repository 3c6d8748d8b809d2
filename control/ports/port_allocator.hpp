// Relay ports of one interface: several local addresses, each with the whole
// [port-min, port-max] range. When one address is full the next one is used, so an
// operator keeps one firewall rule (e.g. 10000-10499) and scales by adding addresses.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "control/ports/port_range.hpp"
#include "relay/packet/address.hpp"

namespace rr::ports {

// What one media got: the local address and its RTP port; RTCP is rtp + 1 for a
// pair and the same port for a single (rtcp-mux) allocation.
struct Allocation {
  IpAddress address;
  uint16_t rtp = 0;
  Need need = Need::pair;

  uint16_t rtcp() const { return need == Need::pair ? static_cast<uint16_t>(rtp + 1) : rtp; }
};

class PortAllocator {
 public:
  using Now = std::function<Clock::time_point()>;  // injected so tests control quarantine

  // `start` seeds each address's round-robin cursor (pass a random value in production).
  PortAllocator(std::vector<IpAddress> addresses, const RangeConfig& config, uint32_t start,
                Now now = Clock::now);

  // nullopt when every address is exhausted; the caller turns that into an ng error.
  std::optional<Allocation> allocate(Need need);
  void release(const Allocation& allocation);
  // Sum over all addresses.
  Counters counters();

 private:
  std::vector<IpAddress> addresses_;
  std::vector<PortRange> ranges_;  // parallel to addresses_
  Now now_;
};

}  // namespace rr::ports
