// The mutable half of a forwarding entry: everything about one stream that changes per
// packet. Written by exactly one worker (the one receiving the stream); control and the
// reverse direction's worker only read it, through atomics.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>

#include "relay/packet/address.hpp"
#include "relay/packet/drop_reason.hpp"
#include "relay/stats/stream_stats.hpp"
#include "relay/table/latched_endpoint.hpp"
#include "relay/table/learning.hpp"
#include "relay/table/single_writer.hpp"

namespace rr::table {

struct alignas(64) StreamState {
  // initial_destination: where the reverse direction sends before this stream latches
  // (the address SDP announced). stats_clock: the stream's RTP clock in worker ticks.
  StreamState(const Endpoint& initial_destination, stats::RtpClock stats_clock)
      : latched(initial_destination), stats(stats_clock) {}
  StreamState(const StreamState&) = delete;
  StreamState& operator=(const StreamState&) = delete;

  // Control: re-open the learning window (media handover, re-INVITE with a new address).
  void request_relearn() noexcept { relearn_requests.fetch_add(1, std::memory_order_relaxed); }

  LatchedEndpoint latched;                      // published: the reverse direction's destination
  std::atomic<uint32_t> relearn_requests{0};    // written by control, read by the worker
  LearningState learning;                       // worker-private
  std::atomic<uint64_t> forwarded_packets{0};   // single writer: the receiving worker
  std::array<std::atomic<uint64_t>, packet::kDropReasonCount> drops{};
  stats::StreamStats stats;
};

}  // namespace rr::table
