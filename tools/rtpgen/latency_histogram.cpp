#include "tools/rtpgen/latency_histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace rr::rtpgen {

namespace {
constexpr uint64_t kExact = uint64_t{1} << LatencyHistogram::kSubBits;
constexpr uint64_t kHalf = kExact / 2;  // buckets per octave above the exact range
constexpr uint64_t kClamp = (uint64_t{1} << (LatencyHistogram::kMaxBit + 1)) - 1;
}  // namespace

size_t LatencyHistogram::bucket_of(uint64_t ns) {
  ns = std::min(ns, kClamp);
  if (ns < kExact) return static_cast<size_t>(ns);
  int msb = std::bit_width(ns) - 1;            // >= kSubBits
  int shift = msb - (kSubBits - 1);            // ns >> shift is in [kHalf, kExact)
  return static_cast<size_t>(kExact + uint64_t(msb - kSubBits) * kHalf + ((ns >> shift) - kHalf));
}

uint64_t LatencyHistogram::bucket_upper(size_t bucket) {
  if (bucket < kExact) return bucket;
  uint64_t octave = (bucket - kExact) / kHalf;
  uint64_t sub = (bucket - kExact) % kHalf + kHalf;
  int shift = static_cast<int>(octave) + 1;
  return ((sub + 1) << shift) - 1;
}

void LatencyHistogram::record(uint64_t ns) {
  ++buckets_[bucket_of(ns)];
  ++count_;
  max_ = std::max(max_, ns);
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
  for (size_t i = 0; i < kBuckets; ++i) buckets_[i] += other.buckets_[i];
  count_ += other.count_;
  max_ = std::max(max_, other.max_);
}

uint64_t LatencyHistogram::percentile(double q) const {
  if (count_ == 0) return 0;
  // Rank of the q-quantile, 1-based: the smallest value with at least q*count at or below.
  auto rank = static_cast<uint64_t>(std::ceil(q * static_cast<double>(count_)));
  rank = std::clamp<uint64_t>(rank, 1, count_);
  uint64_t seen = 0;
  for (size_t i = 0; i < kBuckets; ++i) {
    seen += buckets_[i];
    if (seen >= rank) return std::min(bucket_upper(i), max_);
  }
  return max_;
}

}  // namespace rr::rtpgen
