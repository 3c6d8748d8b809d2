// IP addresses and endpoints as plain values: the one address type shared by the
// data plane, the control plane and the daemon's configuration.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace rr {

enum class Family : uint8_t { v4 = 4, v6 = 6 };

// An IPv4 or IPv6 address in network byte order. IPv4 uses bytes[0..3], the rest zero,
// so that equality and ordering are plain byte comparisons.
struct IpAddress {
  Family family = Family::v4;
  std::array<uint8_t, 16> bytes{};

  static IpAddress v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
    IpAddress ip;
    ip.bytes[0] = a, ip.bytes[1] = b, ip.bytes[2] = c, ip.bytes[3] = d;
    return ip;
  }
  static IpAddress from_v4(const uint8_t* p);   // 4 bytes, network order
  static IpAddress from_v6(const uint8_t* p);   // 16 bytes
  // Accepts dotted quad or RFC 4291 text, with or without [brackets] for IPv6.
  static std::optional<IpAddress> parse(std::string_view text);

  bool is_v4() const { return family == Family::v4; }
  size_t size() const { return is_v4() ? 4 : 16; }
  bool is_unspecified() const;
  std::string to_string() const;

  auto operator<=>(const IpAddress&) const = default;
  // The same answer as the defaulted one, without its memcmp call: two 8-byte words and the
  // family, inline (the worker compares addresses per packet: table index, latch, next hop).
  bool operator==(const IpAddress& other) const {
    uint64_t a[2], b[2];
    std::memcpy(a, bytes.data(), sizeof a);
    std::memcpy(b, other.bytes.data(), sizeof b);
    return ((a[0] ^ b[0]) | (a[1] ^ b[1])) == 0 && family == other.family;
  }
};

struct Endpoint {
  IpAddress address;
  uint16_t port = 0;  // host byte order

  // "1.2.3.4:5" or "[::1]:5".
  static std::optional<Endpoint> parse(std::string_view text);
  std::string to_string() const;

  auto operator<=>(const Endpoint&) const = default;
};

}  // namespace rr
