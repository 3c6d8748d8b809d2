// CLOCK_MONOTONIC in ns: the time base of pacing and of the send time in each probe, so a
// sender and a sink on the same host (or in namespaces of one host) share it.
#pragma once

#include <time.h>

#include <cstdint>

namespace rr::rtpgen {

inline uint64_t monotonic_ns() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1'000'000'000u + static_cast<uint64_t>(ts.tv_nsec);
}

}  // namespace rr::rtpgen
