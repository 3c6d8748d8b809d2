// ns per packet through the worker's whole per-packet media path with and without SRTP, in
// one run: plain RTP -> RTP, RTP -> SRTP (protect toward the peer) and SRTP -> RTP (unprotect
// from the peer), AES_CM_128_HMAC_SHA1_80, for 1 and 1000 streams hit in a random order.
// The relay is bench/micro/worker's (relay_fixture.hpp: no EAL, forward_burst on plain
// buffers, bursts of 32, reported per packet) with an SRTP session on every forwarding entry.
//
// Before each burst every buffer gets its stream's whole next frame back with the timer
// paused (the transforms rewrote the payload in place); for SRTP -> RTP the phone's own
// session protects it there too. BM_PausedLoad measures what pausing leaves in the timing.
#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "bench/micro/worker/relay_fixture.hpp"
#include "relay/srtp/keygen.hpp"
#include "relay/srtp/session.hpp"
#include "relay/table/hot_memory.hpp"

namespace {

using namespace rr;
using bench::kBurst;

enum class Mode : int { plain, rtp_to_srtp, srtp_to_rtp };
constexpr const char* kModeNames[] = {"plain RTP->RTP", "RTP->SRTP", "SRTP->RTP"};

constexpr srtp::CryptoSuite kSuite = srtp::CryptoSuite::aes_cm_128_hmac_sha1_80;
constexpr size_t kPayload = 160;
constexpr size_t kRtpLen = bench::kRtpHeader + kPayload;

std::shared_ptr<srtp::SrtpSession> session(const srtp::KeyMaterial& key, srtp::Direction direction) {
  return table::make_hot_shared<srtp::SrtpSession>(std::move(*srtp::SrtpSession::create({key, direction}).session));
}

class SrtpRelay {
 public:
  // SRTP -> RTP frames arrive with the 10-byte tag: the frames are sized for it.
  SrtpRelay(size_t streams, Mode mode)
      : mode_(mode),
        relay_(streams, kPayload + (mode == Mode::srtp_to_rtp ? srtp::info(kSuite).rtp_tag_len : 0),
               [this](size_t, table::ForwardingEntry& entry) { add_sessions(entry); }) {}

  // Puts stream s's whole next frame into buffer b (protected by the phone for SRTP -> RTP).
  std::span<uint8_t> load(size_t b, size_t s) {
    const std::span<uint8_t> room = relay_.load(b, s, relay_.frame_size());
    if (mode_ == Mode::srtp_to_rtp)
      phones_[s]->protect(relay_.frame(b) + bench::kL2L3L4, kRtpLen,
                          bench::kBufferSize - bench::kHeadroom - bench::kL2L3L4);
    return room;
  }
  bench::BenchRelay& relay() { return relay_; }

 private:
  void add_sessions(table::ForwardingEntry& entry) {
    const srtp::KeyMaterial key = *srtp::generate_key(kSuite);
    if (mode_ == Mode::rtp_to_srtp) entry.srtp.protect = session(key, srtp::Direction::outbound);
    if (mode_ == Mode::srtp_to_rtp) {
      entry.srtp.unprotect = session(key, srtp::Direction::inbound);
      phones_.push_back(session(key, srtp::Direction::outbound));
    }
  }

  Mode mode_;
  std::vector<std::shared_ptr<srtp::SrtpSession>> phones_;  // before relay_: its hook fills it
  bench::BenchRelay relay_;
};

SrtpRelay& relay_with(Mode mode, int64_t streams) {
  static std::map<std::pair<Mode, int64_t>, std::unique_ptr<SrtpRelay>> relays;
  auto& relay = relays[{mode, streams}];
  if (!relay) relay = std::make_unique<SrtpRelay>(static_cast<size_t>(streams), mode);
  return *relay;
}

std::array<std::span<uint8_t>, kBurst> load_burst(benchmark::State& state, SrtpRelay& relay, uint64_t& i) {
  return bench::load_burst(state, relay.relay(), i, [&relay](size_t b, size_t s) { return relay.load(b, s); });
}

// What the worker runs per RX burst: parse 32 frames, then forward_burst.
void BM_Path(benchmark::State& state) {
  const auto mode = static_cast<Mode>(state.range(0));
  SrtpRelay& relay = relay_with(mode, state.range(1));
  worker::ForwardContext context = relay.relay().context();
  bench::BurstRunner runner;
  uint64_t i = 0, dropped = 0;
  for (auto _ : state) {
    const worker::BurstClock clock{i * 20'000, i / 50};
    dropped += runner.run(context, load_burst(state, relay, i), relay.relay().frame_size(), clock);
  }
  if (dropped) state.SkipWithError("packets dropped: the benchmark would measure the wrong path");
  state.SetLabel(kModeNames[state.range(0)]);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kBurst));
}

void modes_and_streams(benchmark::internal::Benchmark* b) {
  for (int streams : {1, 1000})
    for (Mode mode : {Mode::plain, Mode::rtp_to_srtp, Mode::srtp_to_rtp}) b->Args({static_cast<int>(mode), streams});
}
BENCHMARK(BM_Path)->Apply(modes_and_streams);

// The timed residue of pausing the timer per burst: subtract it from BM_Path.
void BM_PausedLoad(benchmark::State& state) {
  SrtpRelay& relay = relay_with(Mode::plain, state.range(0));
  uint64_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(load_burst(state, relay, i));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kBurst));
}
BENCHMARK(BM_PausedLoad)->Arg(1)->Arg(1000);

}  // namespace
