// The two-party topology of every namespace test, shaped like a real host:
//
//   ns rrt-<pid>-a (caller)            root namespace                 ns rrt-<pid>-b (callee)
//   192.0.2.10/24 ── veth ── [DPDK a: 192.0.2.1]  rtp-relay  [DPDK b: 198.51.100.1] ── veth ── 198.51.100.10/24
//                                         ng on 127.0.0.1 (management)
//
// Each host's default routes point at the relay's addresses on its link, so the relay answers
// ARP, ND and ping for them exactly as it would on a LAN. Addresses are TEST-NET-1 and -2
// and 2001:db8:a::/64, 2001:db8:b::/64.
#pragma once

#include <string>

#include "tests/network/support/namespace.hpp"
#include "tests/network/support/relay_process.hpp"
#include "tests/network/support/veth.hpp"

namespace rr::netlab {

struct Side {
  std::string relay_interface;  // "a" / "b": the names offers use in direction=
  IpAddress relay_address;
  IpAddress host_address;
  IpAddress relay_address6;  // the same link in 2001:db8::/32, /64 prefixes
  IpAddress host_address6;
};

inline const Side kCallerSide{"a", IpAddress::v4(192, 0, 2, 1), IpAddress::v4(192, 0, 2, 10),
                              IpAddress::parse("2001:db8:a::1").value(), IpAddress::parse("2001:db8:a::10").value()};
inline const Side kCalleeSide{"b", IpAddress::v4(198, 51, 100, 1), IpAddress::v4(198, 51, 100, 10),
                              IpAddress::parse("2001:db8:b::1").value(), IpAddress::parse("2001:db8:b::10").value()};

class Topology {
 public:
  Topology();  // throws (with the failing command) if the machine refuses namespaces/veths

  const Namespace& caller() const { return caller_ns_; }
  const Namespace& callee() const { return callee_ns_; }
  const VethPair& caller_link() const { return caller_link_; }
  const VethPair& callee_link() const { return callee_link_; }
  // The relay's ports on the root-side veth ends, in the order a, b.
  RelayOptions relay_options(const std::string& binary, Driver driver = Driver::af_packet) const;

 private:
  // Members are destroyed in reverse: links first, then the namespaces.
  Namespace caller_ns_{"a"}, callee_ns_{"b"};
  VethPair caller_link_{"a"}, callee_link_{"b"};
};

}  // namespace rr::netlab
