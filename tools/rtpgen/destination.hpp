// Where rtpgen may send: a load generator pointed at someone else's network is an attack,
// so only loopback, addresses behind this namespace's veth interfaces, or any address when
// running inside a network namespace other than the host's, unless the operator says
// --allow-any-destination.
#pragma once

#include <string>
#include <vector>

#include "relay/packet/address.hpp"

namespace rr::rtpgen {

bool is_loopback(const IpAddress& address);  // 127.0.0.0/8 and ::1

// True when this process's network namespace is not init's (pid 1's). False when pid 1's
// namespace cannot be read (containers, sandboxes): then the veth rule below applies.
bool in_private_network_namespace();

struct Subnet {
  IpAddress network;
  uint8_t prefix = 0;
  bool contains(const IpAddress& address) const;
};

// The subnets of this namespace's veth interfaces: the far end of a veth is a namespace
// someone created on this host (the tests' and the operator's topologies), never a
// physical network, so its addresses are fair targets.
std::vector<Subnet> veth_subnets();

struct DestinationPolicy {
  bool private_namespace = false;  // in_private_network_namespace(), looked up once
  bool allow_any = false;          // --allow-any-destination
  std::vector<Subnet> namespace_subnets;  // veth_subnets(), looked up once

  // Looks up the namespace and the veth subnets once, at start.
  static DestinationPolicy for_this_process(bool allow_any);

  // Empty when allowed, otherwise the reason, naming the endpoint and the way out.
  std::string check(const Endpoint& destination) const;
};

}  // namespace rr::rtpgen
