#include "tools/rtpgen/destination.hpp"

#include <sys/stat.h>

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

std::string DestinationPolicy::check(const Endpoint& destination) const {
  if (allow_any || private_namespace || is_loopback(destination.address)) return {};
  return "refusing to send to " + destination.to_string() +
         ": only loopback or addresses inside a network namespace you created are allowed "
         "(--allow-any-destination overrides)";
}

}  // namespace rr::rtpgen
