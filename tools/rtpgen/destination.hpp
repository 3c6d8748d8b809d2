// Where rtpgen may send: a load generator pointed at someone else's network is an attack,
// so only loopback, or any address when running inside a network namespace the caller
// created (not the host's), unless the operator says --allow-any-destination.
#pragma once

#include <string>

#include "relay/packet/address.hpp"

namespace rr::rtpgen {

bool is_loopback(const IpAddress& address);  // 127.0.0.0/8 and ::1

// True when this process's network namespace is not init's (pid 1's).
bool in_private_network_namespace();

struct DestinationPolicy {
  bool private_namespace = false;  // in_private_network_namespace(), looked up once
  bool allow_any = false;          // --allow-any-destination

  // Empty when allowed, otherwise the reason, naming the endpoint and the way out.
  std::string check(const Endpoint& destination) const;
};

}  // namespace rr::rtpgen
