#include "tools/rtpgen/receive_stats.hpp"

#include <cmath>

namespace rr::rtpgen {

void ReceiveStats::restart(uint16_t sequence) {
  max_seq_ = sequence;
  cycles_ = 0;
  base_extended_ = sequence;
  bad_seq_ = 0x10000;
  seen_ = {};
  received_ = 0;
  duplicates_ = 0;
}

bool ReceiveStats::mark_seen(uint64_t extended) {
  uint64_t slot = extended % kWindow;
  uint64_t bit = uint64_t{1} << (slot % 64);
  uint64_t& word = seen_[slot / 64];
  if (word & bit) return false;
  word |= bit;
  return true;
}

void ReceiveStats::on_packet(uint16_t sequence, uint32_t timestamp, uint64_t arrival_ns,
                             uint32_t clock_rate) {
  if (!started_) {
    started_ = true;
    restart(sequence);
  } else {
    auto delta = static_cast<uint16_t>(sequence - max_seq_);
    if (delta == 0) {
      ++duplicates_;
      return;
    }
    if (delta < kMaxDropout) {
      if (sequence < max_seq_) cycles_ += 0x10000;  // wrapped
      // Clear the window bits that the advance skips over, so old marks do not alias.
      uint64_t from = cycles_ + sequence - delta + 1;
      uint64_t steps = delta < kWindow ? delta : kWindow;
      for (uint64_t i = 0; i < steps; ++i) {
        uint64_t slot = (from + i) % kWindow;
        seen_[slot / 64] &= ~(uint64_t{1} << (slot % 64));
      }
      max_seq_ = sequence;
    } else if (delta <= 0x10000 - kMaxMisorder) {
      // A big jump: the sender restarted. Believe it only when the next packet follows.
      if (sequence != bad_seq_) {
        bad_seq_ = (uint32_t{sequence} + 1) & 0xFFFF;
        return;
      }
      ++resyncs_;
      restart(sequence);
    } else {
      // Late (reordered) packet within the misorder window: a duplicate if seen before.
      uint64_t back = 0x10000 - delta;
      uint64_t extended = cycles_ + max_seq_;
      if (back >= kWindow || back > extended - base_extended_) {
        ++received_;  // too old to tell; count it, as RFC 3550 does
        return;
      }
      if (!mark_seen(extended - back)) {
        ++duplicates_;
        return;
      }
      ++received_;
      return;  // no jitter from reordered packets: their transit difference is meaningless
    }
  }
  mark_seen(cycles_ + max_seq_);
  ++received_;

  // A.8: D = (Rj - Ri) - (Sj - Si), J += (|D| - J) / 16, in ns instead of timestamp units.
  if (have_transit_) {
    double arrival_delta = static_cast<double>(arrival_ns - last_arrival_ns_);
    double send_delta = static_cast<int32_t>(timestamp - last_timestamp_) * 1e9 / clock_rate;
    jitter_ns_ += (std::fabs(arrival_delta - send_delta) - jitter_ns_) / 16;
  }
  have_transit_ = true;
  last_arrival_ns_ = arrival_ns;
  last_timestamp_ = timestamp;
}

uint64_t ReceiveStats::expected() const {
  if (!started_) return 0;
  return cycles_ + max_seq_ - base_extended_ + 1;
}

uint64_t ReceiveStats::lost() const {
  uint64_t e = expected();
  return e > received_ ? e - received_ : 0;
}

}  // namespace rr::rtpgen
