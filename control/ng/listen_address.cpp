#include "control/ng/listen_address.hpp"

#include <charconv>

namespace rr::ng {

std::optional<std::vector<Endpoint>> parse_listen_address(std::string_view text) {
  unsigned port = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (!text.empty() && ec == std::errc{} && end == text.data() + text.size()) {
    if (port > 65535) return std::nullopt;
    auto p = static_cast<uint16_t>(port);
    IpAddress any6;
    any6.family = Family::v6;
    return std::vector<Endpoint>{{IpAddress::v4(0, 0, 0, 0), p}, {any6, p}};
  }
  auto endpoint = Endpoint::parse(text);
  if (!endpoint) return std::nullopt;
  return std::vector<Endpoint>{*endpoint};
}

}  // namespace rr::ng
