// IPv6 neighbour discovery (RFC 4861), the part the relay needs: answer solicitations for
// our addresses, learn from advertisements, and solicit a next hop's MAC.
#pragma once

#include "relay/packet/address.hpp"
#include "relay/packet/ethernet.hpp"
#include "relay/packet/result.hpp"

#include <cstdint>
#include <optional>
#include <span>

namespace rr::packet {

struct NeighbourSolicitation {
  IpAddress target;
  std::optional<MacAddress> source_mac;  // source link-layer address option, if present
};

struct NeighbourAdvertisement {
  IpAddress target;
  bool router = false;
  bool solicited = false;
  bool override_entry = false;             // the O flag
  std::optional<MacAddress> target_mac;    // target link-layer address option, if present
};

// `icmp` is FrameView::payload of a neighbour_solicitation / neighbour_advertisement frame;
// `hop_limit` is FrameView::ttl, `src` FrameView::src.address. RFC 4861 7.1 validity: hop
// limit 255, code 0, length, target not multicast, options of non-zero length inside the
// message, no source link-layer option from the unspecified address. Errors: bad_icmp.
Result<NeighbourSolicitation> parse_neighbour_solicitation(std::span<const uint8_t> icmp,
                                                           uint8_t hop_limit,
                                                           const IpAddress& src);
Result<NeighbourAdvertisement> parse_neighbour_advertisement(std::span<const uint8_t> icmp,
                                                             uint8_t hop_limit);

// ff02::1:ffXX:XXXX for `target` (RFC 4291 2.7.1) and its MAC 33:33:ff:XX:XX:XX (RFC 2464 7).
IpAddress solicited_node_address(const IpAddress& target);
MacAddress ipv6_multicast_mac(const IpAddress& group);

// Answers `ns` (received from solicitor_ip / solicitor_mac, on the request's VLAN) for our
// address ns.target: solicited + override, with the target link-layer option. A solicitation
// from :: (duplicate address detection) is answered to ff02::1 with solicited clear.
// Returns the frame size (l2 + 40 + 32) or too_short.
Result<size_t> build_neighbour_advertisement(std::span<uint8_t> out,
                                             const NeighbourSolicitation& ns,
                                             const IpAddress& solicitor_ip,
                                             const MacAddress& solicitor_mac,
                                             const MacAddress& our_mac, bool has_vlan = false,
                                             uint16_t vlan_tci = 0);

// A solicitation for `target` from our_ip to its solicited-node group, with our source
// link-layer option. Returns the frame size (l2 + 40 + 32) or too_short.
Result<size_t> build_neighbour_solicitation(std::span<uint8_t> out, const MacAddress& our_mac,
                                            const IpAddress& our_ip, const IpAddress& target,
                                            bool has_vlan = false, uint16_t vlan_tci = 0);

}  // namespace rr::packet
