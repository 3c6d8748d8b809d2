#include "daemon/config_values.hpp"

#include <algorithm>
#include <array>
#include <charconv>

namespace rr::daemon {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Splits "NAME=VALUE"; both sides non-empty.
std::optional<std::pair<std::string_view, std::string_view>> split_assignment(std::string_view s) {
  size_t eq = s.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == s.size()) return std::nullopt;
  return std::pair{trim(s.substr(0, eq)), trim(s.substr(eq + 1))};
}

}  // namespace

ValueOr<unsigned long> parse_unsigned(std::string_view text, unsigned long max) {
  text = trim(text);
  unsigned long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value > max) {
    return Why{"expected a whole number from 0 to " + std::to_string(max)};
  }
  return value;
}

ValueOr<long> parse_signed(std::string_view text, long min, long max) {
  text = trim(text);
  long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value < min ||
      value > max) {
    return Why{"expected a whole number from " + std::to_string(min) + " to " + std::to_string(max)};
  }
  return value;
}

ValueOr<bool> parse_bool(std::string_view text) {
  text = trim(text);
  if (text == "true" || text == "yes" || text == "on" || text == "1") return true;
  if (text == "false" || text == "no" || text == "off" || text == "0") return false;
  return Why{std::string("expected true or false")};
}

ValueOr<InterfaceAddress> parse_interface(std::string_view text) {
  const std::string expected = "expected NAME/ADDRESS[/PREFIXLEN][!ADVERTISED]";
  InterfaceAddress result;
  text = trim(text);
  if (size_t bang = text.find('!'); bang != std::string_view::npos) {
    auto advertised = IpAddress::parse(text.substr(bang + 1));
    if (!advertised) return Why{expected + " (bad advertised address)"};
    result.advertised = *advertised;
    text = text.substr(0, bang);
  }
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    result.name = "default";  // rtpengine: a bare address belongs to interface "default"
  } else {
    result.name = std::string(text.substr(0, slash));
    text = text.substr(slash + 1);
  }
  if (result.name.empty()) return Why{expected + " (empty name)"};
  std::optional<unsigned long> prefix;
  if (size_t second = text.find('/'); second != std::string_view::npos) {
    auto len = parse_unsigned(text.substr(second + 1), 128);
    if (!len.value) return Why{expected + " (prefix length: " + len.why + ")"};
    prefix = *len.value;
    text = text.substr(0, second);
  }
  auto address = IpAddress::parse(text);
  if (!address || address->is_unspecified()) return Why{expected + " (bad address)"};
  result.address = *address;
  unsigned max_prefix = address->is_v4() ? 32 : 128;
  if (prefix && *prefix > max_prefix) return Why{expected + " (prefix length above " + std::to_string(max_prefix) + ")"};
  result.prefix_length = static_cast<uint8_t>(prefix.value_or(address->is_v4() ? 24 : 64));
  if (result.advertised && result.advertised->family != address->family) {
    return Why{expected + " (advertised address of another family)"};
  }
  return result;
}

ValueOr<Endpoint> parse_listen(std::string_view text, std::string_view default_host) {
  text = trim(text);
  // rtpengine accepts a bare port; we bind it on the default host (loopback), never on all
  // addresses by surprise.
  if (!text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    auto port = parse_unsigned(text, 65535);
    if (!port.value || *port.value == 0) {
      return Why{std::string("expected ADDRESS:PORT, [ADDRESS]:PORT or PORT")};
    }
    auto host = IpAddress::parse(default_host);
    return Endpoint{*host, static_cast<uint16_t>(*port.value)};
  }
  auto endpoint = Endpoint::parse(text);
  if (!endpoint || endpoint->port == 0) return Why{std::string("expected ADDRESS:PORT, [ADDRESS]:PORT or PORT")};
  return *endpoint;
}

ValueOr<DpdkPort> parse_dpdk_port(std::string_view text) {
  auto parts = split_assignment(trim(text));
  if (!parts) return Why{std::string("expected INTERFACE=DEVICE, e.g. pub=net_tap0,iface=rr0")};
  return DpdkPort{std::string(parts->first), std::string(parts->second)};
}

ValueOr<Gateway> parse_gateway(std::string_view text) {
  auto parts = split_assignment(trim(text));
  if (!parts) return Why{std::string("expected INTERFACE=ADDRESS")};
  auto address = IpAddress::parse(parts->second);
  if (!address || address->is_unspecified()) return Why{std::string("expected INTERFACE=ADDRESS (bad address)")};
  return Gateway{std::string(parts->first), *address};
}

ValueOr<Vlan> parse_vlan(std::string_view text) {
  const std::string expected = "expected INTERFACE=ID with a VLAN ID from 1 to 4094";
  auto parts = split_assignment(trim(text));
  if (!parts) return Why{expected};
  auto id = parse_unsigned(parts->second, 4094);
  if (!id.value || *id.value == 0) return Why{expected};
  return Vlan{std::string(parts->first), static_cast<uint16_t>(*id.value)};
}

ValueOr<std::vector<unsigned>> parse_core_list(std::string_view text) {
  const std::string expected = "expected a list of cores such as 1 or 1,2 or 2-5";
  std::vector<unsigned> cores;
  text = trim(text);
  if (text.empty()) return Why{expected};
  while (!text.empty()) {
    size_t comma = text.find(',');
    std::string_view item = trim(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    size_t dash = item.find('-');
    auto first = parse_unsigned(item.substr(0, dash), 1023);
    auto last = dash == std::string_view::npos ? first : parse_unsigned(item.substr(dash + 1), 1023);
    if (!first.value || !last.value || *first.value > *last.value) return Why{expected};
    for (unsigned long c = *first.value; c <= *last.value; ++c) {
      if (std::find(cores.begin(), cores.end(), c) != cores.end()) return Why{expected + " (core " + std::to_string(c) + " twice)"};
      cores.push_back(static_cast<unsigned>(c));
    }
  }
  return cores;
}

ValueOr<std::string> parse_log_level(std::string_view text) {
  text = trim(text);
  static constexpr std::array names{"trace", "debug", "info", "warn", "error", "critical", "off"};
  for (const char* name : names) {
    if (text == name) return std::string(name);
  }
  // rtpengine's log-level is a syslog priority, 0 (emerg) to 7 (debug).
  static constexpr std::array syslog{"critical", "critical", "critical", "error", "warn", "info", "info", "debug"};
  if (text.size() == 1 && text[0] >= '0' && text[0] <= '7') return std::string(syslog[text[0] - '0']);
  return Why{std::string("expected trace, debug, info, warn, error, critical, off or a syslog level 0-7")};
}

}  // namespace rr::daemon
