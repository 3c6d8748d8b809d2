// Per-stream receive statistics after RFC 3550 appendix A: extended sequence numbers with
// wrap and resync (A.1), expected and lost (A.3), interarrival jitter (A.8), plus
// duplicates from a 128-packet window, which the RFC's "received" count cannot tell apart.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace rr::rtpgen {

class ReceiveStats {
 public:
  // `arrival_ns` and `clock_rate` put arrival and RTP timestamp in the same unit.
  void on_packet(uint16_t sequence, uint32_t timestamp, uint64_t arrival_ns,
                 uint32_t clock_rate = 8000);

  uint64_t received() const { return received_; }      // unique packets
  uint64_t duplicates() const { return duplicates_; }
  uint64_t expected() const;
  // Expected minus unique received; never negative (RFC 3550 lets duplicates make it so).
  uint64_t lost() const;
  double jitter_ms() const { return jitter_ns_ / 1e6; }
  uint64_t resyncs() const { return resyncs_; }

 private:
  static constexpr uint32_t kMaxDropout = 3000;  // RFC 3550 A.1
  static constexpr uint32_t kMaxMisorder = 100;
  static constexpr uint64_t kWindow = 128;      // sequence numbers remembered for duplicates

  void restart(uint16_t sequence);
  // False if this extended sequence number was already seen.
  bool mark_seen(uint64_t extended);

  bool started_ = false;
  uint16_t max_seq_ = 0;
  uint64_t cycles_ = 0;            // shifted count of wraps: 65536 per cycle
  uint64_t base_extended_ = 0;
  uint32_t bad_seq_ = 0x10000;     // RFC's "impossible" value: nothing pending
  uint64_t received_ = 0;
  uint64_t duplicates_ = 0;
  uint64_t resyncs_ = 0;
  std::array<uint64_t, kWindow / 64> seen_{};  // bit per extended sequence number, mod kWindow

  bool have_transit_ = false;
  uint64_t last_arrival_ns_ = 0;
  uint32_t last_timestamp_ = 0;
  double jitter_ns_ = 0;
};

}  // namespace rr::rtpgen
