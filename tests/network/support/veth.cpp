#include "tests/network/support/veth.hpp"

#include <linux/ethtool.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace rr::netlab {
namespace {

void write_sysctl(const std::string& path, const std::string& value) {
  std::ofstream out(path);
  out << value;
  if (!out.flush()) throw std::runtime_error("cannot write " + path);
}

packet::MacAddress read_mac(const std::string& interface) {
  std::ifstream in("/sys/class/net/" + interface + "/address");
  std::string text;
  in >> text;
  packet::MacAddress mac{};
  unsigned v[6] = {};
  if (std::sscanf(text.c_str(), "%x:%x:%x:%x:%x:%x", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]) != 6) {
    throw std::runtime_error("no MAC address for " + interface);
  }
  for (size_t i = 0; i < 6; ++i) mac.bytes[i] = static_cast<uint8_t>(v[i]);
  return mac;
}

}  // namespace

void disable_tx_checksum(const std::string& interface) {
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "socket");
  ethtool_value value{.cmd = ETHTOOL_STXCSUM, .data = 0};
  ifreq request{};
  std::strncpy(request.ifr_name, interface.c_str(), IFNAMSIZ - 1);
  request.ifr_data = reinterpret_cast<char*>(&value);
  const int rc = ioctl(fd, SIOCETHTOOL, &request);
  const int saved = errno;
  close(fd);
  if (rc != 0) throw std::system_error(saved, std::generic_category(), "ETHTOOL_STXCSUM " + interface);
}

VethPair::VethPair(const std::string& role)
    : root_end_("rrt" + owner_tag() + role + "r"), host_end_("rrt" + owner_tag() + role + "h") {
  must_run({"ip", "link", "add", root_end_, "type", "veth", "peer", "name", host_end_});
  try {
    for (const auto& end : {root_end_, host_end_}) disable_tx_checksum(end);
    write_sysctl("/proc/sys/net/ipv6/conf/" + root_end_ + "/disable_ipv6", "1");
    write_sysctl("/proc/sys/net/ipv4/conf/" + root_end_ + "/forwarding", "0");
    must_run({"ip", "link", "set", root_end_, "up"});
    root_mac_ = read_mac(root_end_);
  } catch (...) {
    run_command({"ip", "link", "del", root_end_});
    throw;
  }
}

VethPair::~VethPair() {
  // Deleting either end deletes both; the host end may already be gone with its namespace.
  run_command({"ip", "link", "del", root_end_});
}

void VethPair::attach_host(const Namespace& ns, const HostAddress& address) {
  must_run({"ip", "link", "set", host_end_, "netns", ns.name()});
  must_run({"ip", "netns", "exec", ns.name(), "ip", "link", "set", host_end_, "up"});
  add_host_address(ns, address);
}

void VethPair::add_host_address(const Namespace& ns, const HostAddress& address) const {
  const bool v4 = address.address.is_v4();
  std::vector<std::string> add{"ip", "netns", "exec", ns.name(), "ip", v4 ? "-4" : "-6", "addr", "add",
                               address.address.to_string() + "/" + std::to_string(address.prefix_length),
                               "dev", host_end_};
  if (!v4) add.push_back("nodad");
  must_run(add);
  if (address.gateway.is_unspecified()) return;  // a point-to-point link: its prefix is enough
  must_run({"ip", "netns", "exec", ns.name(), "ip", v4 ? "-4" : "-6", "route", "add", "default", "via",
            address.gateway.to_string(), "dev", host_end_});
}

void VethPair::address_root_end(const IpAddress& address, uint8_t prefix_length) const {
  must_run({"ip", address.is_v4() ? "-4" : "-6", "addr", "add",
            address.to_string() + "/" + std::to_string(prefix_length), "dev", root_end_});
}

}  // namespace rr::netlab
