// ns per packet through the worker's whole per-packet media path with and without SRTP, in
// one run: plain RTP -> RTP, RTP -> SRTP (protect toward the peer) and SRTP -> RTP (unprotect
// from the peer), AES_CM_128_HMAC_SHA1_80, for 1 and 1000 streams hit in a random order.
// The same setup as bench/micro/worker (no EAL: forward_burst on plain buffers, bursts of
// 32, reported per packet) with an SRTP session on every forwarding entry.
//
// Before each burst every buffer gets its stream's whole next frame back with the timer
// paused (the transforms rewrote the payload in place); for SRTP -> RTP the phone's own
// session protects it there too. BM_PausedLoad measures what pausing leaves in the timing.
#include <benchmark/benchmark.h>

#include <array>
#include <cstring>
#include <map>
#include <memory>
#include <random>
#include <vector>

#include "relay/packet/bytes.hpp"
#include "relay/packet/frame.hpp"
#include "relay/srtp/keygen.hpp"
#include "relay/srtp/session.hpp"
#include "relay/table/forwarding_table.hpp"
#include "relay/worker/egress_cache.hpp"
#include "relay/worker/forward.hpp"
#include "tests/support/packet_builder.hpp"

namespace {

using namespace rr;
using rr::test::ip;
using rr::test::mac;

enum class Mode : int { plain, rtp_to_srtp, srtp_to_rtp };
constexpr const char* kModeNames[] = {"plain RTP->RTP", "RTP->SRTP", "SRTP->RTP"};

constexpr srtp::CryptoSuite kSuite = srtp::CryptoSuite::aes_cm_128_hmac_sha1_80;
constexpr size_t kHeadroom = 128;
constexpr size_t kBufferSize = 512;
constexpr size_t kBuffers = 256;
constexpr size_t kL2L3L4 = 14 + 20 + 8;  // Ethernet + IPv4 + UDP before the RTP header
constexpr size_t kRtpLen = 12 + 160;
constexpr uint16_t kPortMin = 10000;
constexpr size_t kBurst = 32;

std::shared_ptr<srtp::SrtpSession> session(const srtp::KeyMaterial& key, srtp::Direction direction) {
  return std::make_shared<srtp::SrtpSession>(std::move(*srtp::SrtpSession::create({key, direction}).session));
}

class SrtpRelay {
 public:
  SrtpRelay(size_t streams, Mode mode)
      : mode_(mode),
        table_({{ip("192.0.2.1")}, kPortMin, static_cast<uint16_t>(kPortMin + streams - 1), 1}),
        service_(1, 300'000, 1000),
        neighbours_(service_, 0),
        egress_cache_(table_.slot_count()) {
    ports_.push_back({0, 0, mac("02:00:00:00:aa:01"), {{ip("192.0.2.1"), 24, ip("192.0.2.254")}}});
    ports_.push_back({1, 0, mac("02:00:00:00:bb:01"), {{ip("198.51.100.1"), 24, ip("198.51.100.254")}}});
    neighbours_.learn(ip("198.51.100.254"), mac("02:00:00:00:0f:fe"), 0);
    const stats::RtpClock clock(8000, 1'000'000'000);
    // SRTP -> RTP frames arrive with the 10-byte tag: the template is sized for it.
    const size_t tag = mode == Mode::srtp_to_rtp ? srtp::info(kSuite).rtp_tag_len : 0;
    for (size_t i = 0; i < streams; ++i) {
      const Endpoint a{IpAddress::v4(203, 0, static_cast<uint8_t>(i >> 8), static_cast<uint8_t>(i)), 4000};
      const Endpoint b{IpAddress::v4(198, 18, static_cast<uint8_t>(i >> 8), static_cast<uint8_t>(i)), 5000};
      auto peer = std::make_shared<table::StreamState>(b, clock);
      auto entry = std::make_unique<table::ForwardingEntry>();
      entry->key = {0, static_cast<uint16_t>(kPortMin + i)};
      entry->expected_source = a;
      entry->egress = {1, {ip("198.51.100.1"), entry->key.port}, 64, 46, table::latched_of(peer)};
      entry->state = std::make_shared<table::StreamState>(a, clock);
      const srtp::KeyMaterial key = *srtp::generate_key(kSuite);
      if (mode == Mode::rtp_to_srtp) entry->srtp.protect = session(key, srtp::Direction::outbound);
      if (mode == Mode::srtp_to_rtp) {
        entry->srtp.unprotect = session(key, srtp::Direction::inbound);
        phones_.push_back(session(key, srtp::Direction::outbound));
      }
      templates_.push_back(rr::test::FrameBuilder()
                               .eth(mac("02:00:00:00:0f:01"), mac("02:00:00:00:aa:01"))
                               .ipv4(a.address, ip("192.0.2.1"))
                               .udp(a.port, entry->key.port)
                               .rtp(0, 0, 0x1000 + static_cast<uint32_t>(i), 0)
                               .payload(160 + tag, 0xd5)
                               .build());
      peers_.push_back(std::move(peer));
      table_.publish(std::move(entry));
    }
    sequence_.resize(streams);
    buffers_.assign(kBuffers * kBufferSize, 0);
    order_.resize(1 << 16);
    std::mt19937 random(42);
    std::uniform_int_distribution<size_t> pick(0, streams - 1);
    for (auto& s : order_) s = pick(random);
  }

  size_t frame_size() const { return templates_[0].size(); }

  // Puts stream s's next frame into buffer b (protected by the phone for SRTP -> RTP).
  std::span<uint8_t> load(size_t b, size_t s) {
    uint8_t* frame = &buffers_[b * kBufferSize + kHeadroom];
    std::memcpy(frame, templates_[s].data(), templates_[s].size());
    const uint16_t seq = ++sequence_[s];
    packet::store_be16(frame + kL2L3L4 + 2, seq);
    packet::store_be32(frame + kL2L3L4 + 4, seq * 160U);
    if (mode_ == Mode::srtp_to_rtp) phones_[s]->protect(frame + kL2L3L4, kRtpLen, kBufferSize - kHeadroom - kL2L3L4);
    return {&buffers_[b * kBufferSize], kBufferSize};
  }

  Mode mode_;
  table::ForwardingTable table_;
  std::vector<worker::PortSetup> ports_;
  worker::NeighbourService service_;
  worker::Neighbours neighbours_;
  worker::EgressCache egress_cache_;  // as the worker runs it: cached egress headers
  std::vector<std::shared_ptr<table::StreamState>> peers_;
  std::vector<std::shared_ptr<srtp::SrtpSession>> phones_;
  std::vector<rr::test::Bytes> templates_;
  std::vector<uint16_t> sequence_;
  std::vector<uint8_t> buffers_;
  std::vector<size_t> order_;
};

SrtpRelay& relay_with(Mode mode, int64_t streams) {
  static std::map<std::pair<Mode, int64_t>, std::unique_ptr<SrtpRelay>> relays;
  auto& relay = relays[{mode, streams}];
  if (!relay) relay = std::make_unique<SrtpRelay>(static_cast<size_t>(streams), mode);
  return *relay;
}

std::array<std::span<uint8_t>, kBurst> load_burst(benchmark::State& state, SrtpRelay& relay, uint64_t& i) {
  std::array<std::span<uint8_t>, kBurst> rooms;
  state.PauseTiming();
  for (auto& room : rooms) {
    room = relay.load(i % kBuffers, relay.order_[i & (relay.order_.size() - 1)]);
    ++i;
  }
  state.ResumeTiming();
  return rooms;
}

// What the worker runs per RX burst: parse 32 frames, then forward_burst.
void BM_Path(benchmark::State& state) {
  const auto mode = static_cast<Mode>(state.range(0));
  SrtpRelay& relay = relay_with(mode, state.range(1));
  worker::ForwardContext context{relay.table_, relay.ports_, relay.neighbours_, &relay.egress_cache_};
  std::array<packet::FrameView, kBurst> views;
  std::array<worker::MediaFrame, kBurst> frames;
  uint64_t i = 0, dropped = 0;
  for (auto _ : state) {
    const worker::BurstClock clock{i * 20'000, i / 50};
    size_t count = 0;
    for (const std::span<uint8_t> room : load_burst(state, relay, i)) {
      const auto view = packet::parse_frame(room.subspan(kHeadroom, relay.frame_size()));
      if (!view) {
        ++dropped;
        continue;
      }
      views[count] = *view;
      frames[count] = {room, kHeadroom, &views[count]};
      ++count;
    }
    worker::forward_burst(context, 0, std::span(frames.data(), count), clock);
    for (size_t k = 0; k < count; ++k) dropped += !frames[k].ok;
    benchmark::DoNotOptimize(frames);
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
