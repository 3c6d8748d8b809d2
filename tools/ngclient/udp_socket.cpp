#include "tools/ngclient/udp_socket.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace rr::ngclient {

SockAddr SockAddr::from(const Endpoint& endpoint) {
  SockAddr out;
  if (endpoint.address.is_v4()) {
    auto* sin = reinterpret_cast<sockaddr_in*>(&out.storage);
    sin->sin_family = AF_INET;
    sin->sin_port = htons(endpoint.port);
    std::memcpy(&sin->sin_addr, endpoint.address.bytes.data(), 4);
    out.length = sizeof(sockaddr_in);
  } else {
    auto* sin6 = reinterpret_cast<sockaddr_in6*>(&out.storage);
    sin6->sin6_family = AF_INET6;
    sin6->sin6_port = htons(endpoint.port);
    std::memcpy(&sin6->sin6_addr, endpoint.address.bytes.data(), 16);
    out.length = sizeof(sockaddr_in6);
  }
  return out;
}

std::optional<Endpoint> SockAddr::to_endpoint() const {
  if (storage.ss_family == AF_INET) {
    const auto* sin = reinterpret_cast<const sockaddr_in*>(&storage);
    return Endpoint{IpAddress::from_v4(reinterpret_cast<const uint8_t*>(&sin->sin_addr)),
                    ntohs(sin->sin_port)};
  }
  if (storage.ss_family == AF_INET6) {
    const auto* sin6 = reinterpret_cast<const sockaddr_in6*>(&storage);
    return Endpoint{IpAddress::from_v6(reinterpret_cast<const uint8_t*>(&sin6->sin6_addr)),
                    ntohs(sin6->sin6_port)};
  }
  return std::nullopt;
}

UdpSocket::~UdpSocket() {
  if (fd_ >= 0) ::close(fd_);
}

UdpSocket::UdpSocket(UdpSocket&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

UdpSocket& UdpSocket::operator=(UdpSocket&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

// bind() and connect() share a signature, so both ways of opening a socket share this.
UdpSocket UdpSocket::open(const Endpoint& endpoint, int (*call)(int, const sockaddr*, socklen_t), const char* what,
                          std::string& error) {
  UdpSocket sock(::socket(endpoint.address.is_v4() ? AF_INET : AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (!sock.valid()) {
    error = std::string("socket: ") + std::strerror(errno);
    return sock;
  }
  SockAddr addr = SockAddr::from(endpoint);
  if (call(sock.fd_, addr.get(), addr.length) != 0) {
    error = std::string(what) + " " + endpoint.to_string() + ": " + std::strerror(errno);
    return UdpSocket();
  }
  return sock;
}

UdpSocket UdpSocket::bind(const Endpoint& local, std::string& error) {
  return open(local, ::bind, "bind", error);
}

UdpSocket UdpSocket::connect(const Endpoint& remote, std::string& error) {
  return open(remote, ::connect, "connect", error);
}

std::optional<Endpoint> UdpSocket::local_endpoint() const {
  SockAddr addr;
  addr.length = sizeof(addr.storage);
  if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr.storage), &addr.length) != 0) {
    return std::nullopt;
  }
  return addr.to_endpoint();
}

bool UdpSocket::set_nonblocking(std::string& error) {
  int flags = ::fcntl(fd_, F_GETFL);
  if (flags < 0 || ::fcntl(fd_, F_SETFL, flags | O_NONBLOCK) != 0) {
    error = std::string("fcntl O_NONBLOCK: ") + std::strerror(errno);
    return false;
  }
  return true;
}

void UdpSocket::set_buffer_sizes(int bytes) {
  // The *FORCE variants pass net.core.{r,w}mem_max (default ~208 KiB, a few ms of a
  // 100k-stream run) when we have CAP_NET_ADMIN; otherwise the capped size is the best we get.
  if (::setsockopt(fd_, SOL_SOCKET, SO_RCVBUFFORCE, &bytes, sizeof bytes) != 0) {
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof bytes);
  }
  if (::setsockopt(fd_, SOL_SOCKET, SO_SNDBUFFORCE, &bytes, sizeof bytes) != 0) {
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDBUF, &bytes, sizeof bytes);
  }
}

bool UdpSocket::send(std::span<const uint8_t> datagram) {
  return ::send(fd_, datagram.data(), datagram.size(), 0) == static_cast<ssize_t>(datagram.size());
}

std::optional<size_t> UdpSocket::receive(std::span<uint8_t> buffer, int timeout_ms) {
  pollfd pfd{fd_, POLLIN, 0};
  int ready = ::poll(&pfd, 1, timeout_ms);
  if (ready <= 0) return std::nullopt;
  // ECONNREFUSED (ICMP port unreachable from a closed port) is "no answer" too.
  ssize_t n = ::recv(fd_, buffer.data(), buffer.size(), MSG_DONTWAIT);
  if (n < 0) return std::nullopt;
  return static_cast<size_t>(n);
}

}  // namespace rr::ngclient
