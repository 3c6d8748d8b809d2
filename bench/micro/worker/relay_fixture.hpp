// The relay both per-packet benches drive (worker_bench, bench/micro/srtp's bench_srtp_path):
// a forwarding table of N published streams, a worker's egress cache and neighbours, and
// 256 frame buffers refilled per burst with the timer paused. No EAL: forward_burst on plain
// buffers, bursts of 32, streams hit in a fixed random order.
//
// Both phones of a stream are off-link (the Internet): every packet goes to the gateway (one
// neighbour entry), as on an Internet-facing relay.
#pragma once

#include <benchmark/benchmark.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "relay/packet/frame.hpp"
#include "relay/table/forwarding_table.hpp"
#include "relay/worker/egress_cache.hpp"
#include "relay/worker/forward.hpp"
#include "tests/support/packet_builder.hpp"

namespace rr::bench {

inline constexpr size_t kBurst = 32;
inline constexpr size_t kHeadroom = 128;
inline constexpr size_t kBufferSize = 512;  // headroom + a 214-byte G.711 frame (+ SRTP tag) + tailroom
inline constexpr size_t kBuffers = 256;     // in flight, like an RX ring's worth of mbufs
inline constexpr size_t kL2L3L4 = 14 + 20 + 8;  // Ethernet + IPv4 + UDP before the RTP header
inline constexpr size_t kRtpHeader = 12;

class BenchRelay {
 public:
  // Called per stream before its entry is published: SRTP sessions and the like.
  using EntryHook = std::function<void(size_t stream, table::ForwardingEntry& entry)>;

  // `payload_size`: RTP payload bytes of every frame (160: 20 ms of G.711).
  BenchRelay(size_t streams, size_t payload_size, const EntryHook& hook = {});
  BenchRelay(const BenchRelay&) = delete;
  BenchRelay& operator=(const BenchRelay&) = delete;

  // Puts the first `bytes` of stream s's frame into buffer b with the stream's next sequence
  // number and timestamp; returns the whole buffer. Frame bytes past `bytes` keep what the
  // buffer held (the payload, when the path leaves it untouched).
  std::span<uint8_t> load(size_t b, size_t s, size_t bytes);
  uint8_t* frame(size_t b) { return &buffers_[b * kBufferSize + kHeadroom]; }
  size_t frame_size() const { return templates_[0].size(); }
  size_t stream_at(uint64_t i) const { return order_[i & (order_.size() - 1)]; }
  worker::ForwardContext context() { return {table_, ports_, neighbours_, &egress_cache_}; }

 private:
  table::ForwardingTable table_;
  std::vector<worker::PortSetup> ports_;
  worker::NeighbourService service_;
  worker::Neighbours neighbours_;
  worker::EgressCache egress_cache_;  // as the worker runs it: cached egress headers
  std::vector<std::shared_ptr<table::StreamState>> peers_;
  std::vector<rr::test::Bytes> templates_;
  std::vector<uint16_t> sequence_;
  std::vector<uint8_t> buffers_;
  std::vector<size_t> order_;
};

// The next burst's buffers, filled by `fill(buffer, stream)` with the timer paused (the
// rewrite replaced the headers in place; a NIC would write the frame by DMA instead).
// Pausing reads the CPU clock by system call: the caller's BM_Paused* bench measures what
// that leaves in the timing.
template <typename Fill>
std::array<std::span<uint8_t>, kBurst> load_burst(benchmark::State& state, const BenchRelay& relay, uint64_t& i,
                                                  Fill&& fill) {
  std::array<std::span<uint8_t>, kBurst> rooms;
  state.PauseTiming();
  for (auto& room : rooms) {
    room = fill(i % kBuffers, relay.stream_at(i));
    ++i;
  }
  state.ResumeTiming();
  return rooms;
}

// What the worker runs per RX burst: parse the frames, then forward_burst. Its arrays live
// across bursts, as the benches' loops kept them: not rebuilt inside the timed region.
class BurstRunner {
 public:
  // Returns how many frames were not relayed (a bench that drops measures the wrong path).
  size_t run(worker::ForwardContext& context, std::span<const std::span<uint8_t>> rooms, size_t frame_size,
             const worker::BurstClock& clock);

 private:
  std::array<packet::FrameView, kBurst> views_;
  std::array<worker::MediaFrame, kBurst> frames_;
};

}  // namespace rr::bench
