// A histogram of current values over all streams, built afresh at each sample: how many
// streams have jitter (or loss) up to each bound right now. Buckets are non-cumulative
// here; the exporter accumulates them.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace rr::metrics {

class Distribution {
 public:
  // `bounds`: ascending upper bounds with static lifetime; +Inf is implicit.
  explicit Distribution(std::span<const double> bounds)
      : bounds_(bounds), counts_(bounds.size() + 1, 0) {}

  void observe(double value);

  std::span<const double> bounds() const { return bounds_; }
  const std::vector<uint64_t>& counts() const { return counts_; }  // last one: above all bounds
  uint64_t count() const { return count_; }
  double sum() const { return sum_; }

 private:
  std::span<const double> bounds_;
  std::vector<uint64_t> counts_;
  uint64_t count_ = 0;
  double sum_ = 0;
};

// Voice-oriented bounds: 20-30 ms of jitter is where a fixed jitter buffer starts to lose.
inline constexpr double kJitterBoundsSeconds[] = {0.001, 0.002, 0.005, 0.01, 0.02,
                                                  0.03,  0.05,  0.1,   0.2,  0.5};
// G.114: one-way delay under 150 ms (a round trip under 300 ms) keeps conversation natural.
inline constexpr double kRoundTripBoundsSeconds[] = {0.005, 0.01, 0.02, 0.05, 0.1,
                                                     0.15,  0.2,  0.3,  0.5,  1.0};
// 1 % loss is audible with G.711 without concealment; 5 % is a bad call.
inline constexpr double kLossBoundsRatio[] = {0.001, 0.005, 0.01, 0.02, 0.03,
                                              0.05,  0.1,   0.2,  0.5,  1.0};

}  // namespace rr::metrics
