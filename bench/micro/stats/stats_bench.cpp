// Per-packet cost of StreamStats: an RTP packet (the hot case) against an RTCP report
// (a few per second per stream): parsed, its block kept, and the round trip matched with
// the reverse stream's SR, stamped with the worker's ticks.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <span>
#include <vector>

#include "relay/stats/stream_stats.hpp"

namespace {

using rr::stats::RtpClock;
using rr::stats::StreamStats;

constexpr RtpClock kClock(8000, 1'000'000'000);

std::vector<uint8_t> bytes_of(std::initializer_list<uint32_t> words) {
  std::vector<uint8_t> out;
  for (uint32_t w : words)
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(w >> shift));
  return out;
}

// SR (NTP middle word 0x45678000) on the reverse stream; an RR with one block naming it.
const std::vector<uint8_t> kSr = bytes_of({0x80C80006, 1, 0xE1234567, 0x80000000, 1600, 10, 1720});
const std::vector<uint8_t> kRr =
    bytes_of({0x81C90007, 2, 1, 0x01000003, 0x10064, 40, 0x45678000, 0x8000});

void BM_OnRtp(benchmark::State& state) {
  StreamStats stats(kClock);
  uint16_t seq = 0;
  uint64_t ticks = 0;
  for (auto _ : state) {
    stats.on_rtp({1, seq, seq * 160u, 172}, ticks);
    ++seq;
    ticks += 20'000'000;
  }
  benchmark::DoNotOptimize(stats.snapshot());
}
BENCHMARK(BM_OnRtp);

void BM_OnRtcpReport(benchmark::State& state) {
  StreamStats forward(kClock), reverse(kClock);
  forward.link_reverse(reverse);
  reverse.on_rtcp(std::span<const uint8_t>(kSr), 1'000'000'000);
  uint64_t ticks = 1'500'000'000;
  for (auto _ : state) forward.on_rtcp(std::span<const uint8_t>(kRr), ticks++);
  benchmark::DoNotOptimize(forward.snapshot());
}
BENCHMARK(BM_OnRtcpReport);

}  // namespace
