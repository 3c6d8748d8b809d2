// One poll-mode worker: its RX queue on every port, its TX buffers, neighbour table, hold
// queue and counters. Runs on one dedicated lcore; nothing in it is shared with other
// workers except the forwarding table (lock-free reads), the neighbour service (worker 0
// writes, the others read and send it requests) and the counters (single writer).
//
// Per loop iteration, for each port: rx burst (32) -> FIRST PASS per packet: parse ->
// lookup -> source check/latch -> stats -> rewrite in place, writing a verdict (egress port,
// held, or drop reason) -> SECOND PASS: queue to TX buffers grouped by port, free drops.
// Then (worker 0) serve the other workers' neighbour requests, release held packets whose
// neighbour resolved, flush TX, report quiescent to QSBR.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <new>
#include <type_traits>

#include "relay/packet/result.hpp"
#include "relay/table/forwarding_table.hpp"
#include "relay/worker/forward.hpp"
#include "relay/worker/hold_queue.hpp"
#include "relay/worker/media_path.hpp"
#include "relay/worker/neighbour_service.hpp"
#include "relay/worker/tx_buffer.hpp"
#include "relay/worker/worker_config.hpp"
#include "relay/worker/worker_counters.hpp"

struct rte_mbuf;

namespace rr::worker {

class alignas(64) Worker {
 public:
  static constexpr uint16_t kBurst = 32;
  static constexpr size_t kMaxPorts = 8;

  // Preconditions (checked by the daemon at start): 1..kMaxPorts ports, table and pool set.
  explicit Worker(const WorkerConfig& config);
  ~Worker();  // frees held and buffered mbufs
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // lcore entry (rr::dpdk::launch): online, poll until stop(), offline. Returns 0.
  int run() noexcept;
  void stop() noexcept { stop_.store(true, std::memory_order_relaxed); }
  // One loop iteration; returns how many frames it received. Tests drive the loop with it.
  // The caller is online in the table's QSBR (run() does that).
  uint16_t poll_once() noexcept;

  const WorkerCounters& counters() const noexcept { return counters_; }
  size_t held_packets() const noexcept { return held_.size(); }

 private:
  enum class Action : uint8_t { send, drop, absorbed, held };
  struct Verdict {
    Action action = Action::drop;
    uint8_t port_index = 0;
    packet::DropReason reason = packet::DropReason::unhandled;
  };

  void process_burst(uint8_t port_index, rte_mbuf** frames, uint16_t count, const BurstClock& clock) noexcept;
  static packet::Result<packet::FrameView> parse(const rte_mbuf* mbuf) noexcept;
  // Burst scratch, kept here rather than on the stack: locals with default member
  // initializers were re-initialised (~6 KB of stores) on every burst.
  struct BurstScratch {
    // Frames are parsed straight into these (placement new of parse()'s prvalue): copying a
    // view just written field by field stalled on store forwarding.
    union Parsed {
      Parsed() {}
      packet::Result<packet::FrameView> result;
    };
    std::array<Verdict, kBurst> verdicts;
    std::array<Parsed, kBurst> parsed;
    std::array<MediaFrame, kBurst> media;
    std::array<uint16_t, kBurst> media_at;  // media[k] is frames[media_at[k]]
  };
  static_assert(std::is_trivially_destructible_v<packet::Result<packet::FrameView>>,
                "parsed results are overwritten without being destroyed");
  // The mbuf side of a media frame forward_burst processed: data pointer, offloads, hold.
  // Writes `verdict` in place: a 3-byte Verdict returned by value was assembled byte by
  // byte on the stack and reloaded as a word, a store-forwarding stall per packet.
  void finish_media(rte_mbuf* mbuf, const MediaFrame& frame, const BurstClock& clock, Verdict& verdict) noexcept;
  Verdict answer(uint8_t port_index, rte_mbuf* mbuf, const packet::FrameView& view,
                 const BurstClock& clock) noexcept;
  void solicit(uint8_t port_index, const IpAddress& next_hop, uint64_t now_ms) noexcept;
  void release_held(const BurstClock& clock) noexcept;
  void serve_neighbour_requests(uint64_t now_ms) noexcept;
  BurstClock now() const noexcept;

  static Verdict drop(packet::DropReason reason) noexcept { return {Action::drop, 0, reason}; }

  alignas(64) WorkerCounters counters_;
  unsigned index_;
  table::ForwardingTable& table_;
  rte_mempool* pool_;
  uint64_t ticks_per_ms_;
  uint8_t port_count_;
  std::array<PortSetup, kMaxPorts> port_setups_;
  std::array<TxBuffer, kMaxPorts> tx_;
  std::unique_ptr<NeighbourService> own_neighbours_;  // only when the config shares none
  Neighbours neighbours_;
  EgressCache egress_cache_;  // a header template per table slot, this worker's only
  HoldQueue held_;
  BurstScratch scratch_;
  std::atomic<bool> stop_{false};
};

}  // namespace rr::worker
