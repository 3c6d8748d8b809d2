#include "control/ng/socket.hpp"

#include <netinet/in.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace rr::ng {

socklen_t to_sockaddr(const Endpoint& endpoint, sockaddr_storage& out) {
  std::memset(&out, 0, sizeof out);
  if (endpoint.address.is_v4()) {
    auto* sin = reinterpret_cast<sockaddr_in*>(&out);
    sin->sin_family = AF_INET;
    sin->sin_port = htons(endpoint.port);
    std::memcpy(&sin->sin_addr, endpoint.address.bytes.data(), 4);
    return sizeof(sockaddr_in);
  }
  auto* sin6 = reinterpret_cast<sockaddr_in6*>(&out);
  sin6->sin6_family = AF_INET6;
  sin6->sin6_port = htons(endpoint.port);
  std::memcpy(&sin6->sin6_addr, endpoint.address.bytes.data(), 16);
  return sizeof(sockaddr_in6);
}

std::optional<Endpoint> from_sockaddr(const sockaddr_storage& in) {
  if (in.ss_family == AF_INET) {
    const auto* sin = reinterpret_cast<const sockaddr_in*>(&in);
    return Endpoint{IpAddress::from_v4(reinterpret_cast<const uint8_t*>(&sin->sin_addr)),
                    ntohs(sin->sin_port)};
  }
  if (in.ss_family == AF_INET6) {
    const auto* sin6 = reinterpret_cast<const sockaddr_in6*>(&in);
    return Endpoint{IpAddress::from_v6(sin6->sin6_addr.s6_addr), ntohs(sin6->sin6_port)};
  }
  return std::nullopt;
}

UniqueFd bind_udp(const Endpoint& local) {
  auto fail = [&](const char* what) {
    throw std::system_error(errno, std::generic_category(),
                            std::string("ng: cannot ") + what + " " + local.to_string());
  };
  int family = local.address.is_v4() ? AF_INET : AF_INET6;
  UniqueFd fd(::socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd) fail("create a socket for");
  if (family == AF_INET6) {
    // "[::]" must not swallow IPv4, so that a bare port can bind 0.0.0.0 next to it.
    int one = 1;
    if (::setsockopt(fd.get(), IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one) != 0) fail("set IPV6_V6ONLY on");
  }
  sockaddr_storage sa;
  socklen_t len = to_sockaddr(local, sa);
  if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&sa), len) != 0) fail("bind");
  return fd;
}

Endpoint local_endpoint(int fd) {
  sockaddr_storage sa{};
  socklen_t len = sizeof sa;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&sa), &len) != 0) {
    throw std::system_error(errno, std::generic_category(), "ng: getsockname");
  }
  return from_sockaddr(sa).value_or(Endpoint{});
}

}  // namespace rr::ng
