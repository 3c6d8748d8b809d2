#include "relay/packet/address.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>

namespace rr {

IpAddress IpAddress::from_v4(const uint8_t* p) {
  IpAddress ip;
  std::copy_n(p, 4, ip.bytes.begin());
  return ip;
}

IpAddress IpAddress::from_v6(const uint8_t* p) {
  IpAddress ip;
  ip.family = Family::v6;
  std::copy_n(p, 16, ip.bytes.begin());
  return ip;
}

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  char buf[INET6_ADDRSTRLEN] = {};
  std::copy(text.begin(), text.end(), buf);
  IpAddress ip;
  if (inet_pton(AF_INET, buf, ip.bytes.data()) == 1) return ip;
  if (inet_pton(AF_INET6, buf, ip.bytes.data()) == 1) {
    ip.family = Family::v6;
    return ip;
  }
  return std::nullopt;
}

bool IpAddress::is_unspecified() const {
  return std::all_of(bytes.begin(), bytes.begin() + size(), [](uint8_t b) { return b == 0; });
}

std::string IpAddress::to_string() const {
  char buf[INET6_ADDRSTRLEN] = {};
  inet_ntop(is_v4() ? AF_INET : AF_INET6, bytes.data(), buf, sizeof buf);
  return buf;
}

std::optional<Endpoint> Endpoint::parse(std::string_view text) {
  size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view host = text.substr(0, colon);
  std::string_view port = text.substr(colon + 1);
  // An unbracketed IPv6 address has colons of its own and no port.
  if (host.find(':') != std::string_view::npos && (host.empty() || host.front() != '[')) {
    return std::nullopt;
  }
  auto ip = IpAddress::parse(host);
  if (!ip || (ip->family == Family::v6) != (!host.empty() && host.front() == '[')) {
    return std::nullopt;
  }
  unsigned value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc{} || end != port.data() + port.size() || port.empty() || value > 65535) {
    return std::nullopt;
  }
  return Endpoint{*ip, static_cast<uint16_t>(value)};
}

std::string Endpoint::to_string() const {
  std::string host = address.to_string();
  if (!address.is_v4()) host = "[" + host + "]";
  return host + ":" + std::to_string(port);
}

}  // namespace rr
