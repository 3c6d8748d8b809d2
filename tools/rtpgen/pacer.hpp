// Pacing arithmetic: packet k of the whole run is due at start + k / rate. The generator
// sends whatever is due on each wake-up (so a late wake-up catches up in one sendmmsg
// burst instead of drifting), and sleeps until the next packet's due time otherwise.
// Packets are dealt round-robin to streams: packet k goes to stream k % streams, so each
// stream sees exactly rate / streams packets per second, evenly spread.
#pragma once

#include <cstddef>
#include <cstdint>

namespace rr::rtpgen {

class Pacer {
 public:
  // `rate_pps` aggregate packets per second (> 0); `limit` total packets (0 = unbounded).
  Pacer(uint64_t start_ns, double rate_pps, uint64_t limit);

  // Packets due by `now_ns` that have not been taken yet, capped at `max_burst`.
  uint64_t due(uint64_t now_ns, uint64_t max_burst) const;
  void take(uint64_t packets) { sent_ += packets; }
  // Moves the start (before anything was taken), so time spent setting up is not a
  // backlog the sender would then fire off in one burst.
  void restart(uint64_t start_ns) { start_ns_ = start_ns; }
  uint64_t sent() const { return sent_; }
  bool done() const { return limit_ != 0 && sent_ >= limit_; }
  // When the next untaken packet is due.
  uint64_t next_due_ns() const { return due_time(sent_); }
  uint64_t due_time(uint64_t packet_index) const;
  double rate_pps() const { return 1e9 / ns_per_packet_; }

 private:
  uint64_t start_ns_;
  double ns_per_packet_;
  uint64_t limit_;
  uint64_t sent_ = 0;
};

// Stream and per-stream packet number of the run's k-th packet.
struct Slot {
  uint32_t stream;
  uint64_t index_in_stream;
};
inline Slot slot_of(uint64_t packet, uint32_t streams) {
  return {static_cast<uint32_t>(packet % streams), packet / streams};
}

}  // namespace rr::rtpgen
