// Parsers for the text forms of configuration values. Each returns the value or an
// explanation of what was expected; the caller adds the key and the value to the message.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "daemon/config.hpp"

namespace rr::daemon {

// Why a value was refused: what was expected instead.
struct Why {
  std::string text;
};

// A parsed value, or why it was refused.
template <typename T>
struct ValueOr {
  ValueOr(T v) : value(std::move(v)) {}
  ValueOr(Why w) : why(std::move(w.text)) {}
  std::optional<T> value;
  std::string why;
};

ValueOr<unsigned long> parse_unsigned(std::string_view text, unsigned long max);
ValueOr<long> parse_signed(std::string_view text, long min, long max);
ValueOr<bool> parse_bool(std::string_view text);
ValueOr<InterfaceAddress> parse_interface(std::string_view text);
ValueOr<Endpoint> parse_listen(std::string_view text, std::string_view default_host);
ValueOr<DpdkPort> parse_dpdk_port(std::string_view text);
ValueOr<Gateway> parse_gateway(std::string_view text);
ValueOr<Vlan> parse_vlan(std::string_view text);
ValueOr<std::vector<unsigned>> parse_core_list(std::string_view text);
ValueOr<std::string> parse_log_level(std::string_view text);

}  // namespace rr::daemon
