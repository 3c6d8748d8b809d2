// Frames waiting for one rte_eth_tx_burst on one port queue. Flushed once per loop
// iteration (or when full); what the NIC refuses is freed and counted as tx_full, so a
// full TX ring never leaks or blocks the worker.
#pragma once

#include <array>
#include <cstdint>

#include <rte_ethdev.h>
#include <rte_mbuf.h>

#include "relay/worker/worker_counters.hpp"

namespace rr::worker {

class TxBuffer {
 public:
  // One RX burst can produce a frame per packet plus ARP/NS and released held packets.
  static constexpr uint16_t kCapacity = 128;

  void bind(uint16_t port_id, uint16_t queue) noexcept { port_id_ = port_id, queue_ = queue; }

  void push(rte_mbuf* mbuf, WorkerCounters& counters) noexcept {
    if (count_ == kCapacity) flush(counters);
    frames_[count_++] = mbuf;
  }

  void flush(WorkerCounters& counters) noexcept {
    if (count_ == 0) return;
    const uint16_t sent = rte_eth_tx_burst(port_id_, queue_, frames_.data(), count_);
    counters.add(Counter::tx_packets, sent);
    if (sent < count_) {
      rte_pktmbuf_free_bulk(frames_.data() + sent, count_ - sent);
      counters.drop(packet::DropReason::tx_full, count_ - sent);
    }
    count_ = 0;
  }

  // Shutdown: drop whatever is still queued.
  void discard() noexcept {
    rte_pktmbuf_free_bulk(frames_.data(), count_);
    count_ = 0;
  }

 private:
  uint16_t port_id_ = 0;
  uint16_t queue_ = 0;
  uint16_t count_ = 0;
  std::array<rte_mbuf*, kCapacity> frames_{};
};

}  // namespace rr::worker
