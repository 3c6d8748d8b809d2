#include "tools/rtpgen/pacer.hpp"

#include <algorithm>
#include <cmath>

namespace rr::rtpgen {

Pacer::Pacer(uint64_t start_ns, double rate_pps, uint64_t limit)
    : start_ns_(start_ns), ns_per_packet_(1e9 / rate_pps), limit_(limit) {}

uint64_t Pacer::due_time(uint64_t packet_index) const {
  return start_ns_ + static_cast<uint64_t>(std::llround(static_cast<double>(packet_index) * ns_per_packet_));
}

uint64_t Pacer::due(uint64_t now_ns, uint64_t max_burst) const {
  if (now_ns < start_ns_) return 0;
  // Packets 0..n-1 are due when n-1 <= elapsed / ns_per_packet.
  auto total = static_cast<uint64_t>(std::floor(static_cast<double>(now_ns - start_ns_) / ns_per_packet_)) + 1;
  if (limit_ != 0) total = std::min(total, limit_);
  uint64_t pending = total > sent_ ? total - sent_ : 0;
  return std::min(pending, max_burst);
}

}  // namespace rr::rtpgen
