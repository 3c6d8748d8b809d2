// Latency histogram with log-linear buckets (HdrHistogram's layout, 4 significant bits):
// exact below 32 ns, then 16 buckets per power of two, so any percentile is within 6.25 %.
// A fixed array: recording is an increment, no allocation per packet.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace rr::rtpgen {

class LatencyHistogram {
 public:
  static constexpr int kSubBits = 5;                    // 32 exact values, 16 per octave
  static constexpr int kMaxBit = 40;                    // ~1100 s; larger values clamp
  static constexpr size_t kBuckets = (1u << kSubBits) + (kMaxBit - kSubBits + 1) * (1u << (kSubBits - 1));

  void record(uint64_t ns);
  void merge(const LatencyHistogram& other);
  uint64_t count() const { return count_; }
  uint64_t max() const { return max_; }
  // The upper edge of the bucket holding the q-quantile (0 < q <= 1); 0 when empty.
  uint64_t percentile(double q) const;

  static size_t bucket_of(uint64_t ns);
  static uint64_t bucket_upper(size_t bucket);

 private:
  std::array<uint32_t, kBuckets> buckets_{};
  uint64_t count_ = 0;
  uint64_t max_ = 0;
};

}  // namespace rr::rtpgen
