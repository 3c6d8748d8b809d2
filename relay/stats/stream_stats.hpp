// Per-stream RTP reception statistics after RFC 3550 appendix A.1 (sequence numbers),
// A.3 (expected/lost) and A.8 (interarrival jitter).
//
// Concurrency: exactly one worker calls on_rtp()/on_rtcp(); the control thread calls
// snapshot() at any time; the worker of the reverse stream reads last_sr_ (see
// link_reverse). Published counters are atomics written by the single writer
// with relaxed load+store (plain movs on x86, no lock prefix); snapshot() reads each with
// relaxed loads, so a snapshot is a set of individually valid values that may be a few
// packets apart from one another — good enough for monitoring, never torn per field.
// The writer's private sequence state lives in plain fields that snapshot() never reads.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "relay/stats/rtp_clock.hpp"

namespace rr::stats {

struct RtcpReport;

// What the worker has already parsed from one RTP packet.
struct RtpSample {
  uint32_t ssrc = 0;
  uint16_t seq = 0;
  uint32_t timestamp = 0;
  uint32_t bytes = 0;  // UDP payload length, counted in bytes
};

struct StatsSnapshot {
  uint64_t packets = 0;       // every RTP packet seen, probation and resyncs included
  uint64_t bytes = 0;
  uint64_t rtcp_packets = 0;
  uint64_t rtcp_bytes = 0;
  uint32_t ssrc = 0;
  uint64_t received = 0;      // RFC 3550 A.3 "received": counted since base_seq, dups included
  uint64_t expected = 0;      // ext_max - base + 1
  uint64_t ext_max_seq = 0;   // cycles << 16 | max_seq
  uint64_t duplicates = 0;
  uint64_t out_of_order = 0;  // late packets (behind the highest seen), not duplicates
  uint64_t ssrc_changes = 0;
  uint64_t resyncs = 0;       // sequence restarts after a jump beyond MAX_DROPOUT/MISORDER
  uint32_t jitter = 0;        // RTP timestamp units
  uint32_t max_jitter = 0;
  uint64_t last_arrival = 0;  // caller's ticks; 0 = no packet yet
  uint32_t clock_rate = 0;

  // From the RTCP SR/RR this stream received: what its sender reports about the media it
  // receives (the other direction, as forwarded to it). Latest first report block only.
  uint64_t rtcp_reports = 0;      // report blocks taken; 0 = none yet, the fields below unset
  uint64_t rtcp_malformed = 0;    // compounds parse_rtcp rejected (still forwarded)
  uint32_t reported_ssrc = 0;     // source the block reports on
  uint8_t reported_fraction_lost = 0;  // /256, since the reporter's previous report
  int32_t reported_lost = 0;      // cumulative, 24-bit signed as sent
  uint32_t reported_jitter = 0;   // reporter's RTP timestamp units
  // RFC 3550 6.4.1 round trip between the relay and this stream's sender, from a report
  // block whose LSR names the last SR the reverse stream carried to it. 1/65536 s.
  uint64_t round_trips = 0;       // measurements taken; 0 = none, round_trip unset
  uint32_t round_trip_ntp16 = 0;  // the latest

  // expected - received. Duplicates make it negative (RFC 3550 6.4.1 allows that in
  // the cumulative field); lost_clamped() is the value to display.
  int64_t lost() const { return static_cast<int64_t>(expected) - static_cast<int64_t>(received); }
  uint64_t lost_clamped() const { return lost() > 0 ? static_cast<uint64_t>(lost()) : 0; }
  double loss_fraction() const;  // lost_clamped / expected, 0 when nothing expected
  double jitter_ms() const;
  double max_jitter_ms() const;
  double reported_jitter_ms() const;  // with this stream's clock: same codec both ways
  double reported_loss_fraction() const { return reported_fraction_lost / 256.0; }
  std::optional<double> round_trip_ms() const;  // nullopt before the first measurement
  // Without rtcp-mux a media's reports arrive on its RTCP port, a stream of their own: takes
  // that stream's RTCP-derived fields (report block, round trip) where this one has none.
  void adopt_rtcp_reports(const StatsSnapshot& rtcp_stream);
  // E-model MOS (mos.hpp, G.711) from loss and jitter, with RTT/2 as the one-way delay once
  // measured; nullopt until a packet has been counted.
  std::optional<double> mos() const;
};

// Layout: the fields every RTP packet touches (counters, sequence, jitter, last arrival) fill
// ONE aligned cache line, `Hot`; everything touched only by RTCP, by rare sequence events
// (new SSRC, probation, resync, duplicate, late packet) or by readers lives after it. At
// 100 000 streams each line a packet touches is a cache miss (perf annotate: ~75 % of
// decide_media), so the old 272-byte mix of both cost about five lines per packet.
// To fit, steady-state facts are implied by the hot values instead of stored:
// no source yet or on probation <=> recent == 0; packets = received + uncounted;
// expected = expected_offset + ext_max (the offset changes only when a sequence restarts,
// under a sequence word so snapshot() never pairs an old offset with a new ext_max).
class alignas(64) StreamStats {
 public:
  explicit StreamStats(RtpClock clock) : hot_(clock.units_factor()), clock_(clock) {}
  StreamStats(const StreamStats&) = delete;
  StreamStats& operator=(const StreamStats&) = delete;

  // Hot path, worker only: no locks, allocation or division.
  void on_rtp(const RtpSample& sample, uint64_t arrival_ticks);
  void on_rtcp(uint32_t bytes);
  // Counts like on_rtcp(bytes) and keeps the first report block of an SR/RR: `plaintext`
  // is the whole (decrypted) compound, `arrival_ticks` the worker's time base (as on_rtp).
  // An SR's NTP time and arrival are kept for the reverse stream's round trip; a report
  // block answering the reverse stream's last SR gives this stream's round trip.
  // Hostile input only bumps rtcp_malformed.
  void on_rtcp(std::span<const uint8_t> plaintext, uint64_t arrival_ticks);

  // Control, once, before the entry that owns this stream is published: the stream that
  // carries RTCP the other way (an SR sent toward this stream's sender travels on it).
  // `reverse` must outlive this stream's use: the entry receiving this stream holds the
  // reverse stream's state as its destination, so it lives as long as that entry.
  void link_reverse(const StreamStats& reverse) { reverse_ = &reverse; }

  // Any thread.
  StatsSnapshot snapshot() const;

  // RFC 3550 A.1 constants.
  static constexpr uint32_t kMinSequential = 2;
  static constexpr uint32_t kMaxDropout = 3000;
  static constexpr uint32_t kMaxMisorder = 100;
  static constexpr uint32_t kSeqMod = 1u << 16;
  // Bytes from the object's start that on_rtp touches for an in-order packet: what a worker
  // prefetches (the rest is cold).
  static constexpr size_t kHotBytes = 64;

 private:
  // What the sequence check (A.1) decided about one packet.
  enum class SeqVerdict : uint8_t {
    counted,    // received; feeds jitter
    restarted,  // received, first of a resynced run: restarts the jitter's transit reference
    duplicate,  // received (A.3 counts it), but no jitter sample
    probation,  // new source not yet confirmed: not received, feeds jitter
    discarded,  // first packet after a huge jump: ignored until confirmed
  };
  // Steady state: the same SSRC, past probation.
  SeqVerdict update_seq(uint16_t seq);
  // Cold: a first or new SSRC, or a packet on probation.
  SeqVerdict settle_source(const RtpSample& sample, uint64_t arrival_ticks);
  SeqVerdict large_jump(uint16_t seq);
  SeqVerdict classify_late(uint16_t back);
  void start_sequence(uint16_t seq);
  void new_source(uint32_t ssrc, uint16_t seq);
  void start_transit(uint32_t timestamp, uint64_t arrival_ticks);
  void update_jitter(uint32_t timestamp, uint64_t arrival_ticks);
  uint32_t transit_of(uint32_t timestamp, uint64_t arrival_ticks) const;
  void on_rtcp_at(std::span<const uint8_t> plaintext, uint32_t arrival_ntp16);
  void take_round_trip(const RtcpReport& report, uint32_t arrival_ntp16);

  // One line, written by the worker per RTP packet. Atomics are read by snapshot().
  struct alignas(64) Hot {
    explicit Hot(uint64_t factor) : units_factor(factor) {}
    std::atomic<uint64_t> received{0};      // RFC 3550 A.3 "received", all sources
    std::atomic<uint64_t> bytes{0};
    std::atomic<uint64_t> last_arrival{0};
    std::atomic<uint64_t> ext_max{0};       // cycles << 16 | max_seq of the counted source
    uint64_t recent = 0;  // bit i: max_seq - i was received; 0 = no source or on probation
    const uint64_t units_factor;            // RtpClock::to_units' factor
    std::atomic<uint32_t> ssrc{0};
    // J * 16, the A.8 integer form, saturating at 2^32 - 1 (J of 2^28 units: hours).
    std::atomic<uint32_t> jitter_q4{0};
    std::atomic<uint32_t> max_jitter{0};
    uint32_t transit = 0;                   // arrival - timestamp, modulo 2^32
  };
  static_assert(sizeof(Hot) == kHotBytes, "the per-packet fields must stay in one line");
  Hot hot_;

  // Cold from here. Writer-private source state, touched on source changes and probation.
  const RtpClock clock_;
  bool have_source_ = false;
  bool have_transit_ = false;  // read on probation only: past it, the transit is always set
  uint8_t probation_ = 0;
  uint16_t probation_seq_ = 0;     // the last probation packet's sequence number
  uint32_t bad_seq_ = kSeqMod + 1;  // A.1: the packet after a large jump must be this
  // Published, each by the worker alone.
  std::atomic<uint32_t> restarts_{0};         // odd while expected_offset_ and ext_max change together
  std::atomic<uint64_t> expected_offset_{0};  // expected - ext_max, modulo 2^64
  std::atomic<uint64_t> uncounted_{0};        // probation and discarded packets
  std::atomic<uint64_t> rtcp_packets_{0}, rtcp_bytes_{0};
  std::atomic<uint64_t> duplicates_{0}, out_of_order_{0}, ssrc_changes_{0}, resyncs_{0};
  std::atomic<uint64_t> rtcp_reports_{0}, rtcp_malformed_{0};
  std::atomic<uint32_t> reported_ssrc_{0}, reported_jitter_{0};
  std::atomic<uint8_t> reported_fraction_lost_{0};
  std::atomic<int32_t> reported_lost_{0};
  // last_sr_: LSR key (middle 32 bits of the SR's NTP time) << 32 | its arrival in
  // 1/65536 s, one word so the reverse stream's worker never pairs a key with another SR's
  // arrival; 0 = no SR yet.
  std::atomic<uint64_t> last_sr_{0};
  std::atomic<uint64_t> round_trips_{0};
  std::atomic<uint32_t> round_trip_{0};
  const StreamStats* reverse_ = nullptr;  // set before publication, then read-only
};

}  // namespace rr::stats
