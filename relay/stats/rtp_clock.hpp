// Converts the worker's time base (TSC ticks, or nanoseconds) into a stream's RTP clock
// units with one 64x64->128 multiply, so the per-packet jitter update needs no division.
#pragma once

#include <cstdint>

namespace rr::stats {

class RtpClock {
 public:
  // clock_rate: the stream's RTP clock (8000 for PCMU/PCMA). ticks_per_second: the
  // worker's time base (rte_get_tsc_hz(), or 1e9 for nanoseconds), which must be faster
  // than the RTP clock (valid() says so). The division happens here, once, when control
  // builds the stream.
  constexpr RtpClock(uint32_t clock_rate, uint64_t ticks_per_second)
      : clock_rate_(clock_rate),
        // Q0.64 fixed point units per tick, rounded up so that a whole number of units
        // (20 ms = 160 at 8 kHz) converts exactly instead of one short.
        factor_(ticks_per_second > clock_rate
                    ? static_cast<uint64_t>(((static_cast<unsigned __int128>(clock_rate) << 64) +
                                             ticks_per_second - 1) /
                                            ticks_per_second)
                    : 0) {}

  // Monotonic in ticks; wraps only after 2^64 ticks, like the TSC itself.
  constexpr uint64_t to_units(uint64_t ticks) const {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(ticks) * factor_) >> 64);
  }
  constexpr uint32_t clock_rate() const { return clock_rate_; }
  constexpr bool valid() const { return factor_ != 0; }

 private:
  uint32_t clock_rate_;
  uint64_t factor_;
};

}  // namespace rr::stats
