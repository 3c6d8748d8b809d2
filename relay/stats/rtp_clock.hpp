// Converts the worker's time base (TSC ticks, or nanoseconds) into a stream's RTP clock
// units with one 64x64->128 multiply, so the per-packet jitter update needs no division;
// and into 1/65536 s, the unit of RTCP's LSR/DLSR, for the round-trip time.
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
        factor_(factor(clock_rate, ticks_per_second)),
        ntp16_factor_(factor(kNtp16PerSecond, ticks_per_second)) {}

  // Monotonic in ticks; wraps only after 2^64 ticks, like the TSC itself.
  constexpr uint64_t to_units(uint64_t ticks) const { return scale(ticks, factor_); }
  // The same with the factor kept elsewhere: StreamStats copies it into its hot line, so the
  // per-packet conversion reads no other line.
  constexpr uint64_t units_factor() const { return factor_; }
  static constexpr uint64_t to_units(uint64_t ticks, uint64_t units_factor) { return scale(ticks, units_factor); }
  // Ticks as a 16.16 fixed point count of seconds, modulo 2^32: the form of an NTP
  // timestamp's middle 32 bits, so A - LSR - DLSR can be computed in one unit.
  constexpr uint32_t to_ntp16(uint64_t ticks) const {
    return static_cast<uint32_t>(scale(ticks, ntp16_factor_));
  }
  constexpr uint32_t clock_rate() const { return clock_rate_; }
  constexpr bool valid() const { return factor_ != 0; }

 private:
  static constexpr uint64_t kNtp16PerSecond = 65536;

  // Q0.64 fixed point units per tick, rounded up so that a whole number of units
  // (20 ms = 160 at 8 kHz) converts exactly instead of one short. 0 when a tick is
  // longer than a unit.
  static constexpr uint64_t factor(uint64_t units_per_second, uint64_t ticks_per_second) {
    return ticks_per_second > units_per_second
               ? static_cast<uint64_t>(((static_cast<unsigned __int128>(units_per_second) << 64) +
                                        ticks_per_second - 1) /
                                       ticks_per_second)
               : 0;
  }
  static constexpr uint64_t scale(uint64_t ticks, uint64_t factor) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(ticks) * factor) >> 64);
  }

  uint32_t clock_rate_;
  uint64_t factor_;
  uint64_t ntp16_factor_;
};

}  // namespace rr::stats
