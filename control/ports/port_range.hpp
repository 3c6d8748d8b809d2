// Relay ports of ONE local address: RTP/RTCP pairs or single rtcp-mux ports from
// [port-min, port-max], handed out round robin and quarantined after release.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

namespace rr::ports {

using Clock = std::chrono::steady_clock;

struct RangeConfig {
  uint16_t port_min = 10000;  // rtpengine's port-min / port-max defaults are 30000-40000;
  uint16_t port_max = 10499;  // ours match the firewall rule operators asked for.
  // A released port stays unusable this long, so late packets of an old call
  // cannot land in a new call that reused the port.
  Clock::duration quarantine = std::chrono::seconds(60);
};

struct Counters {
  uint32_t used = 0;
  uint32_t quarantined = 0;
  uint32_t free = 0;
};

// Which ports one media needs: an even RTP port and RTCP on the next odd one,
// or a single rtcp-mux port (still even when possible, as peers expect).
enum class Need : uint8_t { pair, single };

class PortRange {
 public:
  // `start` picks where the round robin begins; pass a random value in production
  // so that restarts do not all reuse the lowest ports first.
  PortRange(const RangeConfig& config, uint32_t start);

  // Returns the RTP port (RTCP is rtp + 1 for Need::pair), or nullopt when full.
  std::optional<uint16_t> allocate(Need need, Clock::time_point now);
  // Releases what allocate() returned; ports not allocated are ignored.
  void release(uint16_t rtp, Need need, Clock::time_point now);
  Counters counters(Clock::time_point now);

 private:
  enum class State : uint8_t { free, used, quarantined };

  void expire(Clock::time_point now);
  bool usable(uint32_t index) const { return state_[index] == State::free; }
  std::optional<uint32_t> find(Need need);
  void take(uint32_t index);
  void quarantine(uint16_t port, Clock::time_point now);

  RangeConfig config_;
  std::vector<State> state_;  // indexed by port - port_min
  std::deque<std::pair<uint32_t, Clock::time_point>> quarantine_;  // FIFO: same duration for all
  uint32_t cursor_;           // next index to try: spreads use over the whole range
  Counters counters_;
};

}  // namespace rr::ports
