// Per-worker counters: written by the worker only (relaxed load+store, no lock prefix),
// read by control at any time for Prometheus. One cache-aligned block per worker so
// workers never share a line.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>

#include "relay/packet/drop_reason.hpp"
#include "relay/table/single_writer.hpp"

namespace rr::worker {

#define RR_WORKER_COUNTERS(X)                                              \
  X(rx_packets, "frames received")                                         \
  X(tx_packets, "frames the NIC accepted")                                 \
  X(rtp_packets, "RTP packets relayed")                                    \
  X(rtcp_packets, "RTCP packets relayed (separate port or rtcp-mux)")      \
  X(arp_replies, "ARP requests for our addresses answered")                \
  X(arp_requests, "ARP requests sent to resolve a next hop")               \
  X(nd_advertisements, "neighbour solicitations answered")                 \
  X(nd_solicitations, "neighbour solicitations sent")                      \
  X(echo_replies, "ICMP and ICMPv6 echo requests answered")                \
  X(held_packets, "packets parked while their next hop was resolved")      \
  X(busy_polls, "loop iterations that received at least one frame")       \
  X(idle_polls, "loop iterations that received nothing")

enum class Counter : uint8_t {
#define RR_WORKER_COUNTER_ENUM(name, help) name,
  RR_WORKER_COUNTERS(RR_WORKER_COUNTER_ENUM)
#undef RR_WORKER_COUNTER_ENUM
  count_
};

struct CounterInfo {
  const char* name;
  const char* help;
};
inline constexpr std::array<CounterInfo, static_cast<size_t>(Counter::count_)> kCounterInfo = {{
#define RR_WORKER_COUNTER_INFO(name, help) {#name, help},
    RR_WORKER_COUNTERS(RR_WORKER_COUNTER_INFO)
#undef RR_WORKER_COUNTER_INFO
}};

struct alignas(64) WorkerCounters {
  std::array<std::atomic<uint64_t>, static_cast<size_t>(Counter::count_)> values{};
  std::array<std::atomic<uint64_t>, packet::kDropReasonCount> drops{};

  // Worker only.
  void add(Counter c, uint64_t by = 1) noexcept { table::bump(values[static_cast<size_t>(c)], by); }
  void drop(packet::DropReason r, uint64_t by = 1) noexcept { table::bump(drops[packet::index(r)], by); }
  // Any thread.
  uint64_t get(Counter c) const noexcept {
    return values[static_cast<size_t>(c)].load(std::memory_order_relaxed);
  }
  uint64_t dropped(packet::DropReason r) const noexcept {
    return drops[packet::index(r)].load(std::memory_order_relaxed);
  }
};

}  // namespace rr::worker
