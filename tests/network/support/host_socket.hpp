// Kernel sockets of a host inside a test namespace: a UDP socket that plays a phone's RTP
// port, and an ICMP echo (the relay answers ping itself; no ping binary is needed).
// Created on a thread that entered the namespace, so they live there for their lifetime.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "relay/packet/address.hpp"
#include "tests/network/support/namespace.hpp"
#include "tools/ngclient/udp_socket.hpp"

namespace rr::netlab {

struct Datagram {
  Endpoint from;
  std::vector<uint8_t> bytes;
};

class HostUdpSocket {
 public:
  // Bound to `local` inside `ns` (port 0: any); throws naming the endpoint on failure.
  HostUdpSocket(const Namespace& ns, const Endpoint& local);

  Endpoint local() const { return local_; }
  bool send_to(const Endpoint& to, std::span<const uint8_t> bytes) const;
  // One datagram, or nothing after `timeout`.
  std::optional<Datagram> receive(std::chrono::milliseconds timeout) const;
  // Every datagram that arrives within `quiet` of the previous one (drains the socket).
  std::vector<Datagram> drain(std::chrono::milliseconds quiet) const;

 private:
  ngclient::UdpSocket socket_;
  Endpoint local_;
};

// Sends one ICMP echo request from inside `ns` and waits for the matching reply.
bool ping_from(const Namespace& ns, const IpAddress& target, std::chrono::milliseconds timeout);

}  // namespace rr::netlab
