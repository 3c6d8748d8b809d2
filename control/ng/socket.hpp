// RAII file descriptor and the conversions between rr::Endpoint and struct sockaddr that
// the UDP server needs.
#pragma once

#include <sys/socket.h>
#include <unistd.h>

#include <optional>
#include <utility>

#include "relay/packet/address.hpp"

namespace rr::ng {

class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
      reset();
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { reset(); }

  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

// Returns the length to pass to bind()/sendto().
socklen_t to_sockaddr(const Endpoint& endpoint, sockaddr_storage& out);
// Nothing for families other than IPv4 and IPv6.
std::optional<Endpoint> from_sockaddr(const sockaddr_storage& in);

// A non-blocking UDP socket bound to `local`. Throws std::system_error naming the address.
UniqueFd bind_udp(const Endpoint& local);
// The address a socket is bound to (resolves port 0).
Endpoint local_endpoint(int fd);

}  // namespace rr::ng
