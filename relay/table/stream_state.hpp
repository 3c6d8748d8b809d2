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
  // Line 1 (kHotOffset): the source check, read and written per packet by the receiving worker.
  alignas(64) std::atomic<uint32_t> relearn_requests{0};  // written by control, read by the worker
  LearningState learning;                       // worker-private
  std::atomic<uint64_t> forwarded_packets{0};   // single writer: the receiving worker
  // Line 2: the statistics' hot line (StreamStats::kHotBytes); its cold lines follow it.
  stats::StreamStats stats;
  // Cold: touched only when a packet of this stream is dropped.
  std::array<std::atomic<uint64_t>, packet::kDropReasonCount> drops{};
};

// The lines a relayed RTP packet writes, from kHotOffset to the end of the statistics' hot
// line: what the worker prefetches. Was 6 lines (the whole 272-byte StreamStats) before the
// statistics were split into a hot line and cold fields.
inline constexpr size_t kStreamStateHotLines =
    (offsetof(StreamState, stats) + stats::StreamStats::kHotBytes - StreamState::kHotOffset + 63) / 64;
static_assert(kStreamStateHotLines == 2, "source check + statistics: one line each");

}  // namespace rr::table
