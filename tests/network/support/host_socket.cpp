#include "tests/network/support/host_socket.hpp"

#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <unistd.h>

#include <array>
#include <stdexcept>

namespace rr::netlab {

HostUdpSocket::HostUdpSocket(const Namespace& ns, const Endpoint& local) {
  std::string error;
  ns.run_inside([&] { socket_ = ngclient::UdpSocket::bind(local, error); });
  if (!socket_.valid()) throw std::runtime_error("bind " + local.to_string() + " in " + ns.name() + ": " + error);
  local_ = socket_.local_endpoint().value_or(local);
}

bool HostUdpSocket::send_to(const Endpoint& to, std::span<const uint8_t> bytes) const {
  auto address = ngclient::SockAddr::from(to);
  return sendto(socket_.fd(), bytes.data(), bytes.size(), 0, address.get(), address.length) ==
         static_cast<ssize_t>(bytes.size());
}

std::optional<Datagram> HostUdpSocket::receive(std::chrono::milliseconds timeout) const {
  pollfd p{socket_.fd(), POLLIN, 0};
  if (poll(&p, 1, static_cast<int>(timeout.count())) != 1) return std::nullopt;
  std::array<uint8_t, 65536> buffer;
  ngclient::SockAddr from;
  from.length = sizeof from.storage;
  ssize_t n = recvfrom(socket_.fd(), buffer.data(), buffer.size(), 0, reinterpret_cast<sockaddr*>(&from.storage),
                       &from.length);
  auto endpoint = from.to_endpoint();
  if (n < 0 || !endpoint) return std::nullopt;
  return Datagram{*endpoint, std::vector<uint8_t>(buffer.begin(), buffer.begin() + n)};
}

std::vector<Datagram> HostUdpSocket::drain(std::chrono::milliseconds quiet) const {
  std::vector<Datagram> all;
  while (auto d = receive(quiet)) all.push_back(std::move(*d));
  return all;
}

namespace {

uint16_t icmp_checksum(std::span<const uint8_t> data) {
  uint32_t sum = 0;
  for (size_t i = 0; i < data.size(); i += 2) sum += uint32_t(data[i]) << 8 | (i + 1 < data.size() ? data[i + 1] : 0);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<uint16_t>(~sum);
}

}  // namespace

bool ping_from(const Namespace& ns, const IpAddress& target, std::chrono::milliseconds timeout) {
  if (!target.is_v4()) return false;  // ICMPv6 echo: not needed by the tests yet
  int fd = -1;
  ns.run_inside([&] { fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP); });
  if (fd < 0) return false;
  constexpr uint16_t kId = 0x7272, kSeq = 1;  // "rr"
  std::array<uint8_t, 16> request{8, 0, 0, 0, kId >> 8, kId & 0xff, 0, kSeq, 'r', 't', 'p', '-', 'r', 'e', 'l', 'y'};
  const uint16_t sum = icmp_checksum(request);
  request[2] = uint8_t(sum >> 8), request[3] = uint8_t(sum);
  auto to = ngclient::SockAddr::from(Endpoint{target, 0});
  bool answered = false;
  if (sendto(fd, request.data(), request.size(), 0, to.get(), to.length) == ssize_t(request.size())) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!answered && std::chrono::steady_clock::now() < deadline) {
      pollfd p{fd, POLLIN, 0};
      if (poll(&p, 1, 50) != 1) continue;
      std::array<uint8_t, 1500> reply;
      ssize_t n = recv(fd, reply.data(), reply.size(), 0);  // raw IPv4: IP header first
      if (n < 20) continue;
      const size_t ihl = size_t(reply[0] & 0x0f) * 4;
      const bool from_target = std::equal(reply.begin() + 12, reply.begin() + 16, target.bytes.begin());
      answered = from_target && size_t(n) >= ihl + 8 && reply[ihl] == 0 && reply[ihl + 4] == (kId >> 8) &&
                 reply[ihl + 5] == (kId & 0xff);
    }
  }
  close(fd);
  return answered;
}

}  // namespace rr::netlab
