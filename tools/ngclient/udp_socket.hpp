// RAII over a kernel UDP socket, with conversions between rr::Endpoint and sockaddr.
// Used by the ng client (one connected socket) and by rtpgen (bound, non-blocking sockets
// driven with sendmmsg / recvmmsg).
#pragma once

#include <sys/socket.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "relay/packet/address.hpp"

namespace rr::ngclient {

// sockaddr_in or sockaddr_in6 depending on the family, with its length.
struct SockAddr {
  sockaddr_storage storage{};
  socklen_t length = 0;

  static SockAddr from(const Endpoint& endpoint);
  std::optional<Endpoint> to_endpoint() const;
  const sockaddr* get() const { return reinterpret_cast<const sockaddr*>(&storage); }
};

class UdpSocket {
 public:
  UdpSocket() = default;
  ~UdpSocket();
  UdpSocket(UdpSocket&& other) noexcept;
  UdpSocket& operator=(UdpSocket&& other) noexcept;
  UdpSocket(const UdpSocket&) = delete;
  UdpSocket& operator=(const UdpSocket&) = delete;

  // A socket bound to `local` (port 0 picks one). Sets `error` and returns an invalid
  // socket on failure, so callers report the errno text once, at start.
  static UdpSocket bind(const Endpoint& local, std::string& error);
  // A socket connected to `remote` from an ephemeral local port: only that peer's
  // datagrams are delivered, which is what an ng client wants.
  static UdpSocket connect(const Endpoint& remote, std::string& error);

  bool valid() const { return fd_ >= 0; }
  int fd() const { return fd_; }
  std::optional<Endpoint> local_endpoint() const;
  bool set_nonblocking(std::string& error);
  // Larger kernel buffers so bursts of thousands of streams are not dropped by the socket.
  void set_buffer_sizes(int bytes);

  bool send(std::span<const uint8_t> datagram);
  // Waits up to timeout_ms (poll) for one datagram; nullopt on timeout or error.
  std::optional<size_t> receive(std::span<uint8_t> buffer, int timeout_ms);

 private:
  explicit UdpSocket(int fd) : fd_(fd) {}
  static UdpSocket open(const Endpoint& endpoint, int (*call)(int, const sockaddr*, socklen_t),
                        const char* what, std::string& error);
  int fd_ = -1;
};

}  // namespace rr::ngclient
