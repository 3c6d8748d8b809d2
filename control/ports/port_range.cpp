#include "control/ports/port_range.hpp"

#include <cassert>

namespace rr::ports {

PortRange::PortRange(const RangeConfig& config, uint32_t start)
    : config_(config),
      state_(config.port_max >= config.port_min ? config.port_max - config.port_min + 1u : 0u,
             State::free),
      cursor_(state_.empty() ? 0 : start % state_.size()) {
  counters_.free = static_cast<uint32_t>(state_.size());
}

void PortRange::expire(Clock::time_point now) {
  while (!quarantine_.empty() && quarantine_.front().second <= now) {
    uint32_t index = quarantine_.front().first;
    quarantine_.pop_front();
    state_[index] = State::free;
    --counters_.quarantined;
    ++counters_.free;
  }
}

// Scans once around the range from the cursor. Pairs and preferred single ports
// start on an even port number; a single port falls back to odd ones only when
// no even port is left.
std::optional<uint32_t> PortRange::find(Need need) {
  // A full range answers at once: PortAllocator tries every address in turn, and scanning
  // each full one made every allocation past the first address O(ports) (119 µs per call
  // at 30 000 calls, sweep_bench's BM_EstablishCalls).
  if (counters_.free < (need == Need::pair ? 2u : 1u)) return std::nullopt;
  const auto size = static_cast<uint32_t>(state_.size());
  auto is_even = [&](uint32_t index) { return (config_.port_min + index) % 2 == 0; };
  for (int pass = 0; pass < (need == Need::single ? 2 : 1); ++pass) {
    for (uint32_t step = 0; step < size; ++step) {
      uint32_t index = (cursor_ + step) % size;
      if (pass == 0 && !is_even(index)) continue;
      if (!usable(index)) continue;
      if (need == Need::pair && (index + 1 >= size || !usable(index + 1))) continue;
      return index;
    }
  }
  return std::nullopt;
}

void PortRange::take(uint32_t index) {
  assert(state_[index] == State::free);  // find() only returns free slots
  state_[index] = State::used;
  --counters_.free;
  ++counters_.used;
}

std::optional<uint16_t> PortRange::allocate(Need need, Clock::time_point now) {
  expire(now);
  auto index = find(need);
  if (!index) return std::nullopt;
  take(*index);
  uint32_t width = 1;
  if (need == Need::pair) {
    take(*index + 1);
    width = 2;
  }
  cursor_ = (*index + width) % static_cast<uint32_t>(state_.size());
  return static_cast<uint16_t>(config_.port_min + *index);
}

void PortRange::quarantine(uint16_t port, Clock::time_point now) {
  if (port < config_.port_min || port > config_.port_max) return;
  uint32_t index = port - config_.port_min;
  if (state_[index] != State::used) return;  // double release: nothing to do
  state_[index] = State::quarantined;
  --counters_.used;
  ++counters_.quarantined;
  quarantine_.emplace_back(index, now + config_.quarantine);
}

void PortRange::release(uint16_t rtp, Need need, Clock::time_point now) {
  expire(now);
  quarantine(rtp, now);
  if (need == Need::pair && rtp < UINT16_MAX) quarantine(static_cast<uint16_t>(rtp + 1), now);
}

Counters PortRange::counters(Clock::time_point now) {
  expire(now);
  return counters_;
}

}  // namespace rr::ports
