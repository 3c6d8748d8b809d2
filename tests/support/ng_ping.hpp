// A minimal ng request over UDP for tests: sends "<cookie> <body>" and waits for the reply.
#pragma once

#include <arpa/inet.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <string>

namespace rr::test {

// IPv4 only; returns the raw reply datagram or nothing after `timeout`.
inline std::optional<std::string> ng_request(const std::string& ip, uint16_t port, const std::string& datagram,
                                             std::chrono::milliseconds timeout) {
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) return std::nullopt;
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(port);
  inet_pton(AF_INET, ip.c_str(), &to.sin_addr);
  std::optional<std::string> reply;
  if (sendto(fd, datagram.data(), datagram.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to) >= 0) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(timeout.count())) == 1) {
      char buf[65536];
      ssize_t n = recv(fd, buf, sizeof buf, 0);
      if (n >= 0) reply = std::string(buf, static_cast<size_t>(n));
    }
  }
  close(fd);
  return reply;
}

// Pings until the server answers pong or `total` passes (a daemon that is still starting).
inline bool ng_ping_until(const std::string& ip, uint16_t port, std::chrono::milliseconds total) {
  auto deadline = std::chrono::steady_clock::now() + total;
  while (std::chrono::steady_clock::now() < deadline) {
    auto reply = ng_request(ip, port, "t1 d7:command4:pinge", std::chrono::milliseconds(200));
    if (reply && *reply == "t1 d6:result4:ponge") return true;
  }
  return false;
}

}  // namespace rr::test
