#include "tests/network/daemon/raw_trunk.hpp"

#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace rr::netlab {
namespace {

[[noreturn]] void fail(const std::string& what) { throw std::system_error(errno, std::generic_category(), what); }

}  // namespace

RawTrunk::RawTrunk(const Namespace& ns, const std::string& interface) {
  // The socket is created on a thread inside `ns` and stays bound to that namespace.
  std::string error;
  ns.run_inside([&] {
    ifindex_ = static_cast<int>(if_nametoindex(interface.c_str()));
    if (ifindex_ == 0) return void(error = "if_nametoindex " + interface);
    fd_ = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(ETH_P_ALL));
    if (fd_ < 0) return void(error = "socket(AF_PACKET)");
  });
  if (!error.empty()) fail(error);
  int on = 1;
  if (setsockopt(fd_, SOL_PACKET, PACKET_AUXDATA, &on, sizeof on) != 0) {
    close(fd_);
    fail("PACKET_AUXDATA");
  }
  sockaddr_ll address{};
  address.sll_family = AF_PACKET;
  address.sll_protocol = htons(ETH_P_ALL);
  address.sll_ifindex = ifindex_;
  if (bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd_);
    fail("bind AF_PACKET " + interface);
  }
}

RawTrunk::~RawTrunk() {
  if (fd_ >= 0) close(fd_);
}

bool RawTrunk::send(const std::vector<uint8_t>& frame) const {
  sockaddr_ll to{};
  to.sll_family = AF_PACKET;
  to.sll_ifindex = ifindex_;
  to.sll_halen = 6;
  std::copy(frame.begin(), frame.begin() + 6, to.sll_addr);
  return sendto(fd_, frame.data(), frame.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to) ==
         static_cast<ssize_t>(frame.size());
}

std::optional<std::vector<uint8_t>> RawTrunk::receive(std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;

    std::vector<uint8_t> frame(2048);
    sockaddr_ll from{};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(tpacket_auxdata))];
    iovec io{frame.data(), frame.size()};
    msghdr message{};
    message.msg_name = &from;
    message.msg_namelen = sizeof from;
    message.msg_iov = &io;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    const ssize_t n = recvmsg(fd_, &message, 0);
    if (n < 14) continue;
    if (from.sll_pkttype == PACKET_OUTGOING) continue;  // our own frames, looped back to taps
    frame.resize(static_cast<size_t>(n));
    for (cmsghdr* c = CMSG_FIRSTHDR(&message); c; c = CMSG_NXTHDR(&message, c)) {
      if (c->cmsg_level != SOL_PACKET || c->cmsg_type != PACKET_AUXDATA) continue;
      tpacket_auxdata aux;
      std::memcpy(&aux, CMSG_DATA(c), sizeof aux);
      if (!(aux.tp_status & TP_STATUS_VLAN_VALID)) continue;
      // Put the stripped 802.1Q tag back after the MAC addresses, where it was on the wire.
      const uint16_t tpid = (aux.tp_status & TP_STATUS_VLAN_TPID_VALID) ? aux.tp_vlan_tpid : ETH_P_8021Q;
      const uint8_t tag[4] = {uint8_t(tpid >> 8), uint8_t(tpid), uint8_t(aux.tp_vlan_tci >> 8), uint8_t(aux.tp_vlan_tci)};
      frame.insert(frame.begin() + 12, tag, tag + 4);
    }
    return frame;
  }
}

}  // namespace rr::netlab
