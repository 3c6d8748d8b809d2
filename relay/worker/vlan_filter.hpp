// Ingress 802.1Q membership. A port configured with a VLAN (`vlan INTERFACE=ID`) takes only
// frames tagged with that VLAN ID; an untagged port takes untagged frames and priority tags
// (VID 0, 802.1p: no VLAN). Without it, a trunk's other VLANs reached the table and the
// local replies: a host on another VLAN could latch a stream or be answered on this one.
// Double tags (QinQ) are never ours: egress writes at most one tag.
#pragma once

#include <cstdint>

#include "relay/packet/frame.hpp"
#include "relay/worker/worker_config.hpp"

namespace rr::worker {

inline constexpr uint16_t kVlanIdMask = 0x0fff;  // the TCI's VID bits (PCP and DEI above)

inline bool vlan_accepts(const PortSetup& port, const packet::FrameView& view) noexcept {
  if (view.vlan_count == 0) return !port.has_vlan;
  if (view.vlan_count != 1) return false;
  const uint16_t vid = view.vlan_tci[0] & kVlanIdMask;
  return port.has_vlan ? vid == (port.vlan_tci & kVlanIdMask) : vid == 0;
}

}  // namespace rr::worker
