#include "relay/packet/ethernet.hpp"

#include "relay/packet/bytes.hpp"

#include <algorithm>
#include <cstdio>

namespace rr::packet {

std::string MacAddress::to_string() const {
  char text[18];
  std::snprintf(text, sizeof text, "%02x:%02x:%02x:%02x:%02x:%02x", bytes[0], bytes[1],
                bytes[2], bytes[3], bytes[4], bytes[5]);
  return text;
}

Result<size_t> write_l2(std::span<uint8_t> out, const L2Header& l2, uint16_t ethertype) {
  if (out.size() < l2.size()) return DropReason::too_short;
  uint8_t* p = out.data();
  std::copy(l2.dst.bytes.begin(), l2.dst.bytes.end(), p);
  std::copy(l2.src.bytes.begin(), l2.src.bytes.end(), p + 6);
  p += 12;
  if (l2.has_vlan) {
    store_be16(p, kEtherTypeVlan);
    store_be16(p + 2, l2.vlan_tci);
    p += kVlanTagSize;
  }
  store_be16(p, ethertype);
  return l2.size();
}

}  // namespace rr::packet
