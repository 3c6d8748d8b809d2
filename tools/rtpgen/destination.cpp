#include "tools/rtpgen/destination.hpp"

#include <ifaddrs.h>
#include <linux/ethtool.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

namespace rr::rtpgen {

bool is_loopback(const IpAddress& address) {
  if (address.is_v4()) return address.bytes[0] == 127;
  static const IpAddress kV6Loopback = *IpAddress::parse("::1");
  return address == kV6Loopback;
}

bool in_private_network_namespace() {
  struct stat own {}, init {};
  // Reading pid 1's namespace needs privileges; when we cannot, assume the host's.
  if (stat("/proc/self/ns/net", &own) != 0 || stat("/proc/1/ns/net", &init) != 0) return false;
  return own.st_ino != init.st_ino || own.st_dev != init.st_dev;
}

bool Subnet::contains(const IpAddress& address) const {
  if (address.family != network.family || prefix > address.size() * 8) return false;
  for (size_t bit = 0; bit < prefix; bit += 8) {
    size_t i = bit / 8;
    unsigned bits = prefix - bit >= 8 ? 8 : prefix - bit;
    auto mask = static_cast<uint8_t>(0xFF << (8 - bits));
    if ((address.bytes[i] & mask) != (network.bytes[i] & mask)) return false;
  }
  return true;
}

namespace {

bool is_veth(const char* interface) {
  int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  ethtool_drvinfo info{};
  info.cmd = ETHTOOL_GDRVINFO;
  ifreq request{};
  std::strncpy(request.ifr_name, interface, IFNAMSIZ - 1);
  request.ifr_data = reinterpret_cast<char*>(&info);
  bool veth = ::ioctl(fd, SIOCETHTOOL, &request) == 0 && std::strcmp(info.driver, "veth") == 0;
  ::close(fd);
  return veth;
}

uint8_t prefix_length(const IpAddress& mask) {
  uint8_t bits = 0;
  for (size_t i = 0; i < mask.size(); ++i) bits += static_cast<uint8_t>(__builtin_popcount(mask.bytes[i]));
  return bits;
}

std::optional<IpAddress> address_of(const sockaddr* sa) {
  if (!sa) return std::nullopt;
  if (sa->sa_family == AF_INET) {
    return IpAddress::from_v4(reinterpret_cast<const uint8_t*>(&reinterpret_cast<const sockaddr_in*>(sa)->sin_addr));
  }
  if (sa->sa_family == AF_INET6) {
    return IpAddress::from_v6(reinterpret_cast<const uint8_t*>(&reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr));
  }
  return std::nullopt;
}

}  // namespace

std::vector<Subnet> veth_subnets() {
  std::vector<Subnet> subnets;
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0) return subnets;
  for (const ifaddrs* i = list; i; i = i->ifa_next) {
    std::optional<IpAddress> address = address_of(i->ifa_addr);
    std::optional<IpAddress> mask = address_of(i->ifa_netmask);
    if (address && mask && is_veth(i->ifa_name)) subnets.push_back({*address, prefix_length(*mask)});
  }
  ::freeifaddrs(list);
  return subnets;
}

DestinationPolicy DestinationPolicy::for_this_process(bool allow_any) {
  return {in_private_network_namespace(), allow_any, veth_subnets()};
}

std::string DestinationPolicy::check(const Endpoint& destination) const {
  if (allow_any || private_namespace || is_loopback(destination.address)) return {};
  for (const Subnet& subnet : namespace_subnets) {
    if (subnet.contains(destination.address)) return {};
  }
  return "refusing to send to " + destination.to_string() +
         ": only loopback, veth-connected namespaces or a private network namespace are allowed "
         "(--allow-any-destination overrides)";
}

}  // namespace rr::rtpgen
