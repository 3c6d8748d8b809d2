#include "tools/rtpgen/latency_histogram.hpp"

#include <gtest/gtest.h>

namespace rr::rtpgen {
namespace {

TEST(LatencyHistogram, EmptyReportsZero) {
  LatencyHistogram h;
  EXPECT_EQ(h.percentile(0.5), 0u);
  EXPECT_EQ(h.count(), 0u);
}

TEST(LatencyHistogram, EveryValueFallsInsideItsBucket) {
  for (uint64_t v : {0ull, 1ull, 31ull, 32ull, 33ull, 63ull, 64ull, 1000ull, 123456ull, 1ull << 39,
                     (1ull << 41) - 1}) {
    size_t b = LatencyHistogram::bucket_of(v);
    ASSERT_LT(b, LatencyHistogram::kBuckets) << v;
    EXPECT_GE(LatencyHistogram::bucket_upper(b), v) << v;
    if (b > 0) {
      EXPECT_LT(LatencyHistogram::bucket_upper(b - 1), v) << v;
    }
  }
  // Larger than the range: clamped into the last bucket, not out of bounds.
  EXPECT_EQ(LatencyHistogram::bucket_of(~0ull), LatencyHistogram::kBuckets - 1);
}

TEST(LatencyHistogram, PercentilesOfAUniformSpreadWithinBucketError) {
  LatencyHistogram h;
  for (uint64_t us = 1; us <= 10000; ++us) h.record(us * 1000);  // 1 µs .. 10 ms
  struct Row {
    double q;
    double expected_ns;
  };
  const Row rows[] = {{0.5, 5e6}, {0.99, 9.9e6}, {0.999, 9.99e6}, {1.0, 10e6}, {0.0001, 1e3}};
  for (const Row& row : rows) {
    double got = static_cast<double>(h.percentile(row.q));
    EXPECT_GE(got, row.expected_ns) << row.q;  // upper edge: never below the true value
    EXPECT_LE(got, row.expected_ns * 1.0625) << row.q;
  }
}

TEST(LatencyHistogram, TailIsSeenAtP999) {
  LatencyHistogram h;
  for (int i = 0; i < 998; ++i) h.record(50'000);
  h.record(40'000'000);
  h.record(40'000'000);
  EXPECT_LE(h.percentile(0.99), 53'125u);
  EXPECT_GE(h.percentile(0.999), 40'000'000u);
  EXPECT_EQ(h.max(), 40'000'000u);
}

TEST(LatencyHistogram, MergeAddsCounts) {
  LatencyHistogram a, b;
  a.record(100);
  b.record(1'000'000);
  a.merge(b);
  EXPECT_EQ(a.count(), 2u);
  EXPECT_GE(a.percentile(1.0), 1'000'000u);
}

}  // namespace
}  // namespace rr::rtpgen
