// Ethernet addresses and the L2 header (with an optional 802.1Q tag) that every
// frame the relay sends starts with: relayed media, ARP and ND replies alike.
#pragma once

#include "relay/packet/result.hpp"

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>

namespace rr::packet {

inline constexpr uint16_t kEtherTypeIpv4 = 0x0800;
inline constexpr uint16_t kEtherTypeArp = 0x0806;
inline constexpr uint16_t kEtherTypeIpv6 = 0x86dd;
inline constexpr uint16_t kEtherTypeVlan = 0x8100;  // 802.1Q
inline constexpr uint16_t kEtherTypeQinQ = 0x88a8;  // 802.1ad service tag
inline constexpr size_t kEthernetHeaderSize = 14;
inline constexpr size_t kVlanTagSize = 4;

struct MacAddress {
  std::array<uint8_t, 6> bytes{};

  static constexpr MacAddress broadcast() { return {{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}}; }
  // 6 bytes; inline, so copying a MAC out of a frame is one 4- and one 2-byte move.
  static MacAddress from(const uint8_t* p) {
    MacAddress mac;
    std::memcpy(mac.bytes.data(), p, mac.bytes.size());
    return mac;
  }
  bool is_multicast() const { return (bytes[0] & 1) != 0; }  // includes broadcast
  std::string to_string() const;  // "02:00:00:00:00:01"; for logs and tests, allocates

  auto operator<=>(const MacAddress&) const = default;
  // Inline, one 4- and one 2-byte compare: the defaulted one calls memcmp (per packet in the
  // worker's neighbour refresh, perf).
  friend bool operator==(const MacAddress& a, const MacAddress& b) noexcept {
    uint32_t a4, b4;
    uint16_t a2, b2;
    std::memcpy(&a4, a.bytes.data(), 4);
    std::memcpy(&b4, b.bytes.data(), 4);
    std::memcpy(&a2, a.bytes.data() + 4, 2);
    std::memcpy(&b2, b.bytes.data() + 4, 2);
    return a4 == b4 && a2 == b2;
  }
};

// Destination, source and an optional single 802.1Q tag of an outgoing frame.
struct L2Header {
  MacAddress dst;
  MacAddress src;
  bool has_vlan = false;
  uint16_t vlan_tci = 0;  // PCP/DEI/VID as on the wire, host byte order

  size_t size() const { return kEthernetHeaderSize + (has_vlan ? kVlanTagSize : 0); }
};

// Writes the L2 header with `ethertype` at the start of `out`; returns bytes written
// (l2.size()) or too_short when `out` cannot hold it.
Result<size_t> write_l2(std::span<uint8_t> out, const L2Header& l2, uint16_t ethertype);

}  // namespace rr::packet
