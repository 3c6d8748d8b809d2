#include "relay/stats/stream_stats.hpp"

#include <algorithm>
#include <limits>

#include "relay/stats/mos.hpp"
#include "relay/stats/rtcp_report.hpp"
#include "relay/stats/single_writer.hpp"

namespace rr::stats {

using detail::bump;
using detail::publish;
using detail::read;

void StreamStats::on_rtp(const RtpSample& sample, uint64_t arrival_ticks) {
  bump(hot_.bytes, uint64_t{sample.bytes});
  publish(hot_.last_arrival, arrival_ticks);

  // recent == 0: no source yet, or the current one is on probation (settle_source says).
  const SeqVerdict verdict = hot_.recent != 0 && sample.ssrc == read(hot_.ssrc)
                                 ? update_seq(sample.seq)
                                 : settle_source(sample, arrival_ticks);
  switch (verdict) {
    case SeqVerdict::counted:
      update_jitter(sample.timestamp, arrival_ticks);
      bump(hot_.received);
      break;
    case SeqVerdict::restarted:
      start_transit(sample.timestamp, arrival_ticks);
      bump(hot_.received);
      break;
    case SeqVerdict::duplicate:  // counted as received (RFC 3550 A.3), but no jitter sample
      bump(hot_.received);
      break;
    case SeqVerdict::probation:  // settle_source fed the jitter
    case SeqVerdict::discarded:
      bump(uncounted_);
      break;
  }
}

// A.1's probation: the SSRC is believed after kMinSequential packets in sequence.
StreamStats::SeqVerdict StreamStats::settle_source(const RtpSample& sample, uint64_t arrival_ticks) {
  if (!have_source_ || sample.ssrc != read(hot_.ssrc)) new_source(sample.ssrc, sample.seq);
  const uint16_t seq = sample.seq;
  if (seq == static_cast<uint16_t>(probation_seq_ + 1)) {
    --probation_;
    probation_seq_ = seq;
    if (probation_ == 0) {
      start_sequence(seq);
      return SeqVerdict::counted;  // jitter: the probation packets set its transit
    }
  } else {
    probation_ = kMinSequential - 1;
    probation_seq_ = seq;
  }
  if (have_transit_) {
    update_jitter(sample.timestamp, arrival_ticks);
  } else {
    start_transit(sample.timestamp, arrival_ticks);
  }
  return SeqVerdict::probation;
}

// A new SSRC: RFC 3550 A.1's per-source setup. The previous source's expected count stays
// in the stream's totals (expected_offset_ + ext_max is unchanged until the new source is
// believed), so a re-INVITE that changes SSRC keeps the history.
void StreamStats::new_source(uint32_t ssrc, uint16_t seq) {
  if (have_source_) bump(ssrc_changes_);
  publish(hot_.ssrc, ssrc);
  hot_.recent = 0;
  have_source_ = true;
  have_transit_ = false;  // the timestamp base is the new source's
  probation_ = kMinSequential;
  probation_seq_ = static_cast<uint16_t>(seq - 1);
  bad_seq_ = kSeqMod + 1;
}

// A.1's init_seq for a run the stream now counts: base = max = seq. What was expected
// before it is kept (the "retired" totals) as the new offset, published with ext_max under
// restarts_ so that a reader never adds one run's offset to another run's ext_max.
void StreamStats::start_sequence(uint16_t seq) {
  const uint64_t expected_before = read(expected_offset_) + read(hot_.ext_max);
  const uint32_t restarts = read(restarts_);
  publish(restarts_, restarts + 1);
  std::atomic_thread_fence(std::memory_order_release);  // the odd count before the payload
  publish(expected_offset_, expected_before + 1 - seq);
  publish(hot_.ext_max, uint64_t{seq});
  restarts_.store(restarts + 2, std::memory_order_release);
  hot_.recent = 1;
  bad_seq_ = kSeqMod + 1;  // so seq == bad_seq_ is false
}

// RFC 3550 A.1 update_seq() past probation, plus duplicate/late classification from a
// 64-packet window. The in-order branch touches the hot line only.
StreamStats::SeqVerdict StreamStats::update_seq(uint16_t seq) {
  const uint64_t ext_max = read(hot_.ext_max);
  const auto max_seq = static_cast<uint16_t>(ext_max);
  const auto udelta = static_cast<uint16_t>(seq - max_seq);
  if (udelta == 0) {
    bump(duplicates_);
    return SeqVerdict::duplicate;
  }
  if (udelta < kMaxDropout) {
    const uint64_t cycles = (ext_max - max_seq) + (seq < max_seq ? kSeqMod : 0);  // wrapped past 65535
    publish(hot_.ext_max, cycles + seq);
    hot_.recent = (udelta >= 64 ? 0 : hot_.recent << udelta) | 1;
    return SeqVerdict::counted;
  }
  if (udelta <= kSeqMod - kMaxMisorder) return large_jump(seq);
  return classify_late(static_cast<uint16_t>(max_seq - seq));
}

// A very large jump: only believe it when the next packet follows it (A.1).
StreamStats::SeqVerdict StreamStats::large_jump(uint16_t seq) {
  if (seq != bad_seq_) {
    bad_seq_ = (seq + 1u) & (kSeqMod - 1);
    return SeqVerdict::discarded;
  }
  bump(resyncs_);
  start_sequence(seq);
  return SeqVerdict::restarted;
}

// A packet `back` sequence numbers behind the highest one (1..MAX_MISORDER).
StreamStats::SeqVerdict StreamStats::classify_late(uint16_t back) {
  if (back < 64) {
    const uint64_t bit = uint64_t{1} << back;
    if (hot_.recent & bit) {
      bump(duplicates_);
      return SeqVerdict::duplicate;
    }
    hot_.recent |= bit;
  }
  bump(out_of_order_);
  return SeqVerdict::counted;
}

uint32_t StreamStats::transit_of(uint32_t timestamp, uint64_t arrival_ticks) const {
  return static_cast<uint32_t>(RtpClock::to_units(arrival_ticks, hot_.units_factor)) - timestamp;
}

void StreamStats::start_transit(uint32_t timestamp, uint64_t arrival_ticks) {
  hot_.transit = transit_of(timestamp, arrival_ticks);
  have_transit_ = true;
}

// RFC 3550 A.8 in its integer form: jitter_q4 holds J*16, J += (|D| - J)/16.
// D is taken modulo 2^32 so timestamp and arrival wraparound cancel out.
void StreamStats::update_jitter(uint32_t timestamp, uint64_t arrival_ticks) {
  const uint32_t transit = transit_of(timestamp, arrival_ticks);
  const int64_t d = static_cast<int32_t>(transit - hot_.transit);
  hot_.transit = transit;
  const uint64_t abs_d = static_cast<uint64_t>(d < 0 ? -d : d);
  const uint64_t q4 = read(hot_.jitter_q4);
  const uint64_t next = std::min<uint64_t>(q4 + abs_d - ((q4 + 8) >> 4), std::numeric_limits<uint32_t>::max());
  publish(hot_.jitter_q4, static_cast<uint32_t>(next));
  const auto jitter = static_cast<uint32_t>(next >> 4);
  if (jitter > read(hot_.max_jitter)) publish(hot_.max_jitter, jitter);
}

StatsSnapshot StreamStats::snapshot() const {
  StatsSnapshot s;
  s.received = read(hot_.received);
  s.packets = s.received + read(uncounted_);
  s.bytes = read(hot_.bytes);
  s.rtcp_packets = read(rtcp_packets_);
  s.rtcp_bytes = read(rtcp_bytes_);
  s.ssrc = read(hot_.ssrc);
  for (;;) {  // the seqlock read of start_sequence's pair
    const uint32_t before = restarts_.load(std::memory_order_acquire);
    if (before & 1U) continue;  // the writer is a few stores from done
    s.ext_max_seq = read(hot_.ext_max);
    s.expected = read(expected_offset_) + s.ext_max_seq;
    std::atomic_thread_fence(std::memory_order_acquire);
    if (read(restarts_) == before) break;
  }
  s.duplicates = read(duplicates_);
  s.out_of_order = read(out_of_order_);
  s.ssrc_changes = read(ssrc_changes_);
  s.resyncs = read(resyncs_);
  s.jitter = read(hot_.jitter_q4) >> 4;
  s.max_jitter = read(hot_.max_jitter);
  s.last_arrival = read(hot_.last_arrival);
  s.clock_rate = clock_.clock_rate();
  s.rtcp_reports = read(rtcp_reports_);
  s.rtcp_malformed = read(rtcp_malformed_);
  s.reported_ssrc = read(reported_ssrc_);
  s.reported_fraction_lost = read(reported_fraction_lost_);
  s.reported_lost = read(reported_lost_);
  s.reported_jitter = read(reported_jitter_);
  s.round_trips = read(round_trips_);
  s.round_trip_ntp16 = read(round_trip_);
  return s;
}

double StatsSnapshot::loss_fraction() const {
  return expected == 0 ? 0.0 : static_cast<double>(lost_clamped()) / static_cast<double>(expected);
}

double StatsSnapshot::jitter_ms() const {
  return clock_rate == 0 ? 0.0 : jitter * 1000.0 / clock_rate;
}

double StatsSnapshot::max_jitter_ms() const {
  return clock_rate == 0 ? 0.0 : max_jitter * 1000.0 / clock_rate;
}

double StatsSnapshot::reported_jitter_ms() const {
  return clock_rate == 0 ? 0.0 : reported_jitter * 1000.0 / clock_rate;
}

std::optional<double> StatsSnapshot::round_trip_ms() const {
  if (round_trips == 0) return std::nullopt;
  return ntp16_to_ms(round_trip_ntp16);
}

void StatsSnapshot::adopt_rtcp_reports(const StatsSnapshot& rtcp_stream) {
  if (rtcp_reports == 0 && rtcp_stream.rtcp_reports != 0) {
    rtcp_reports = rtcp_stream.rtcp_reports;
    reported_ssrc = rtcp_stream.reported_ssrc;
    reported_fraction_lost = rtcp_stream.reported_fraction_lost;
    reported_lost = rtcp_stream.reported_lost;
    reported_jitter = rtcp_stream.reported_jitter;
  }
  if (round_trips == 0 && rtcp_stream.round_trips != 0) {
    round_trips = rtcp_stream.round_trips;
    round_trip_ntp16 = rtcp_stream.round_trip_ntp16;
  }
}

std::optional<double> StatsSnapshot::mos() const {
  if (received == 0) return std::nullopt;
  return stats::mos({.loss_percent = loss_fraction() * 100.0,
                     .jitter_ms = jitter_ms(),
                     .one_way_delay_ms = round_trip_ms().value_or(0.0) / 2.0});
}

}  // namespace rr::stats
