// Rate limit for log lines about bad requests: a misbehaving or hostile source must not be
// able to fill the journal. At most `burst` lines per source address per second.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>

#include "relay/packet/address.hpp"

namespace rr::ng {

class LogLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  explicit LogLimiter(uint32_t burst = 3, size_t max_sources = 4096)
      : burst_(burst), max_sources_(max_sources) {}

  // True if a line about `source` may be logged now.
  bool allow(const IpAddress& source, Clock::time_point now);

 private:
  struct Window {
    Clock::time_point start;
    uint32_t count = 0;
  };
  uint32_t burst_;
  size_t max_sources_;
  std::map<IpAddress, Window> windows_;
};

}  // namespace rr::ng
