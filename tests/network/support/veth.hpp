// A veth pair like a cable between a relay's media port and a host: the root-side end stays
// in the root namespace for DPDK (AF_PACKET / AF_XDP), the host end moves into a namespace
// with an address and a default route via the relay. The destructor deletes the pair.
#pragma once

#include <string>

#include "relay/packet/address.hpp"
#include "relay/packet/ethernet.hpp"
#include "tests/network/support/namespace.hpp"

namespace rr::netlab {

struct HostAddress {
  IpAddress address;
  uint8_t prefix_length = 24;
  IpAddress gateway;  // the relay's address on this link; unspecified (0.0.0.0): no route
};

class VethPair {
 public:
  // Ends "rrt<pid><role>r" (root side) and "rrt<pid><role>h" (host side); both up, IPv6 and
  // forwarding off on the root end so the root kernel neither speaks nor routes on it.
  explicit VethPair(const std::string& role);
  ~VethPair();
  VethPair(const VethPair&) = delete;
  VethPair& operator=(const VethPair&) = delete;

  const std::string& root_end() const { return root_end_; }
  const std::string& host_end() const { return host_end_; }
  packet::MacAddress root_mac() const { return root_mac_; }

  // Moves the host end into `ns` as `address`/prefix with a default route via the gateway.
  void attach_host(const Namespace& ns, const HostAddress& address);
  // One more address (and default route of its family) on the host end, once attached.
  // IPv6 addresses skip duplicate address detection, so they are usable at once.
  void add_host_address(const Namespace& ns, const HostAddress& address) const;
  // Gives the root end a kernel address: a signalling link (SIP) rather than a DPDK port.
  void address_root_end(const IpAddress& address, uint8_t prefix_length) const;

 private:
  std::string root_end_, host_end_;
  packet::MacAddress root_mac_{};
};

// Turns TX checksum offload off: a veth otherwise hands AF_PACKET/AF_XDP readers UDP
// packets whose checksum field holds only the pseudo-header sum (CHECKSUM_PARTIAL); a relay
// that verified UDP checksums would drop them (rtp-relay does not today, see README).
// The legacy ETHTOOL_STXCSUM ioctl, so the test needs no ethtool package.
void disable_tx_checksum(const std::string& interface);

}  // namespace rr::netlab
