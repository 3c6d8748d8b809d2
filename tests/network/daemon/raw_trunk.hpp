// The far end of a switch trunk port, played by the test: an AF_PACKET socket on a veth end
// inside a namespace that sends frames as built (802.1Q tags inline) and receives frames with
// their tag put back in place. The kernel strips a received tag into packet metadata
// (PACKET_AUXDATA), so without this a test could not tell a tagged frame from an untagged one.
// Needed because the test machines' kernels have no 8021q module for VLAN subinterfaces.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tests/network/support/namespace.hpp"

namespace rr::netlab {

class RawTrunk {
 public:
  // Opens the socket inside `ns` on `interface`; throws naming the step that failed.
  RawTrunk(const Namespace& ns, const std::string& interface);
  ~RawTrunk();
  RawTrunk(const RawTrunk&) = delete;
  RawTrunk& operator=(const RawTrunk&) = delete;

  bool send(const std::vector<uint8_t>& frame) const;
  // The next frame that arrived on the interface (not one it sent), tag reinserted; nothing
  // after `timeout`.
  std::optional<std::vector<uint8_t>> receive(std::chrono::milliseconds timeout) const;

 private:
  int fd_ = -1;
  int ifindex_ = 0;
};

}  // namespace rr::netlab
