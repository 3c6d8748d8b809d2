#include "control/ports/port_allocator.hpp"

#include <algorithm>
#include <utility>

namespace rr::ports {

PortAllocator::PortAllocator(std::vector<IpAddress> addresses, const RangeConfig& config,
                             uint32_t start, Now now)
    : addresses_(std::move(addresses)), now_(std::move(now)) {
  ranges_.reserve(addresses_.size());
  for (size_t i = 0; i < addresses_.size(); ++i) ranges_.emplace_back(config, start);
}

std::optional<Allocation> PortAllocator::allocate(Need need) {
  const auto now = now_();
  for (size_t i = 0; i < ranges_.size(); ++i) {
    if (auto port = ranges_[i].allocate(need, now)) return Allocation{addresses_[i], *port, need};
  }
  return std::nullopt;
}

void PortAllocator::release(const Allocation& allocation) {
  auto it = std::find(addresses_.begin(), addresses_.end(), allocation.address);
  if (it == addresses_.end()) return;  // not ours: nothing was allocated here
  ranges_[it - addresses_.begin()].release(allocation.rtp, allocation.need, now_());
}

Counters PortAllocator::counters() {
  const auto now = now_();
  Counters total;
  for (auto& range : ranges_) {
    Counters c = range.counters(now);
    total.used += c.used;
    total.quarantined += c.quarantined;
    total.free += c.free;
  }
  return total;
}

}  // namespace rr::ports
