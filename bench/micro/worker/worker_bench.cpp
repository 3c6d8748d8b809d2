// ns per packet through the worker's whole per-packet media path, without EAL or a NIC:
// parse -> lookup -> source check/latch -> RFC 3550 stats -> next hop -> header rewrite,
// for 1, 1000 and 100000 active streams hit in a random order (the table, stream state
// and peer latch of each packet are cold caches once the streams outnumber L2). The relay
// is relay_fixture.hpp's, shared with bench/micro/srtp's whole-path bench.
//
// Both run bursts of 32 frames, reported per packet: BM_RelayFrames one frame at a time
// through forward_media (lookup included), BM_RelayBurst through forward_burst, as the
// worker does. Before each burst the 54 ingress header bytes (Ethernet/IPv4/UDP/RTP, with
// the next sequence number) of each buffer are restored with the timer paused, because the
// rewrite replaced them in place; BM_PausedRestore measures what pausing leaves in the timing.
#include <benchmark/benchmark.h>

#include <map>
#include <memory>

#include "bench/micro/worker/relay_fixture.hpp"
#include "relay/packet/frame.hpp"

namespace {

using namespace rr;
using bench::BenchRelay;
using bench::kBurst;
using bench::kHeadroom;

constexpr size_t kHeaderBytes = bench::kL2L3L4 + bench::kRtpHeader;  // restored per packet
constexpr size_t kPayload = 160;                                     // 20 ms of G.711

// Built once per stream count: Google Benchmark calls each function several times, and
// 100000 streams take a while to publish (seconds under the sanitizers).
BenchRelay& relay_with(int64_t streams) {
  static std::map<int64_t, std::unique_ptr<BenchRelay>> relays;
  auto& relay = relays[streams];
  if (!relay) relay = std::make_unique<BenchRelay>(static_cast<size_t>(streams), kPayload);
  return *relay;
}

// Restores the next burst's ingress headers with the timer stopped: the template copy misses
// the cache per stream at 100 000 streams, which measured ~400 ns of the ~1 us the old
// per-frame loop reported.
std::array<std::span<uint8_t>, kBurst> load_burst(benchmark::State& state, BenchRelay& relay, uint64_t& i) {
  return bench::load_burst(state, relay, i, [&relay](size_t b, size_t s) { return relay.load(b, s, kHeaderBytes); });
}

// One frame at a time: parse, forward_media (its own lookup), next frame. The shape of the
// worker's loop before forward_burst; kept as the reference the burst is compared with.
void BM_RelayFrames(benchmark::State& state) {
  BenchRelay& relay = relay_with(state.range(0));
  worker::ForwardContext context = relay.context();
  uint64_t i = 0, dropped = 0;
  for (auto _ : state) {
    const worker::BurstClock clock{i * 20'000, i / 50};  // ticks are ns here
    for (const std::span<uint8_t> room : load_burst(state, relay, i)) {
      const auto view = packet::parse_frame(room.subspan(kHeadroom, relay.frame_size()));
      if (!view) {
        ++dropped;
        continue;
      }
      const auto out = worker::forward_media(context, 0, room, kHeadroom, *view, clock);
      dropped += !out;
      benchmark::DoNotOptimize(out);
    }
  }
  if (dropped) state.SkipWithError("packets dropped: the benchmark would measure the wrong path");
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kBurst));
}
BENCHMARK(BM_RelayFrames)->Arg(1)->Arg(1000)->Arg(100000);

// What the worker runs per RX burst: 32 frames parsed, then forward_burst (every slot, then
// every entry prefetched; stream state and peer latch prefetched two frames ahead).
void BM_RelayBurst(benchmark::State& state) {
  BenchRelay& relay = relay_with(state.range(0));
  worker::ForwardContext context = relay.context();
  bench::BurstRunner runner;
  uint64_t i = 0, dropped = 0;
  for (auto _ : state) {
    const worker::BurstClock clock{i * 20'000, i / 50};
    dropped += runner.run(context, load_burst(state, relay, i), relay.frame_size(), clock);
  }
  if (dropped) state.SkipWithError("packets dropped: the benchmark would measure the wrong path");
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kBurst));
}
BENCHMARK(BM_RelayBurst)->Arg(1)->Arg(1000)->Arg(100000);

// The timed residue of pausing the timer per burst (CPU-clock reads are system calls): the
// same in both benchmarks above; subtract it.
void BM_PausedRestore(benchmark::State& state) {
  BenchRelay& relay = relay_with(state.range(0));
  uint64_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(load_burst(state, relay, i));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kBurst));
}
BENCHMARK(BM_PausedRestore)->Arg(1)->Arg(100000);

}  // namespace
