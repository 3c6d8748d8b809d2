// The mutable half of a forwarding entry: everything about one stream that changes per
// packet. Written by exactly one worker (the one receiving the stream); control and the
// reverse direction's worker only read it, through atomics.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>

#include "relay/packet/address.hpp"
#include "relay/packet/drop_reason.hpp"
#include "relay/stats/stream_stats.hpp"
#include "relay/table/latched_endpoint.hpp"
#include "relay/table/learning.hpp"
#include "relay/table/single_writer.hpp"

namespace rr::table {

struct alignas(64) StreamState {
  static constexpr size_t kHotOffset = 64;
  // initial_destination: where the reverse direction sends before this stream latches
  // (the address SDP announced). stats_clock: the stream's RTP clock in worker ticks.
  StreamState(const Endpoint& initial_destination, stats::RtpClock stats_clock)
      : latched(initial_destination), stats(stats_clock) {}
  StreamState(const StreamState&) = delete;
  StreamState& operator=(const StreamState&) = delete;

  // Control: re-open the learning window (media handover, re-INVITE with a new address).
  void request_relearn() noexcept { relearn_requests.fetch_add(1, std::memory_order_relaxed); }

  // Line 0, alone: read per packet by the reverse direction's worker, written only when the
  // latch moves. Sharing a line with the per-packet fields below would bounce it between
  // the two workers on every packet.
  LatchedEndpoint latched;                      // published: the reverse direction's destination
  // From kHotOffset: written per packet by the receiving worker (what it prefetches).
  alignas(64) std::atomic<uint32_t> relearn_requests{0};  // written by control, read by the worker
  LearningState learning;                       // worker-private
  std::atomic<uint64_t> forwarded_packets{0};   // single writer: the receiving worker
  stats::StreamStats stats;
  // Cold: touched only when a packet of this stream is dropped.
  std::array<std::atomic<uint64_t>, packet::kDropReasonCount> drops{};
};

// The lines a relayed packet writes, from kHotOffset up to `drops`: what the worker
// prefetches. Derived from the layout, so a growing StreamStats is prefetched whole
// (measured: with 4 fixed lines, stats' last two lines missed at 100 000 streams).
inline constexpr size_t kStreamStateHotLines =
    (offsetof(StreamState, drops) - StreamState::kHotOffset + 63) / 64;

}  // namespace rr::table
