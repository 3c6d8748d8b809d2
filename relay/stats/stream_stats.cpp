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
  bump(packets_);
  bump(bytes_, uint64_t{sample.bytes});
  publish(last_arrival_, arrival_ticks);

  if (!have_source_ || sample.ssrc != read(ssrc_)) {
    if (have_source_) bump(ssrc_changes_);
    new_source(sample.ssrc, sample.seq);
  }
  switch (update_seq(sample.seq)) {
    case SeqVerdict::counted:
      update_jitter(sample.timestamp, arrival_ticks);
      [[fallthrough]];
    case SeqVerdict::duplicate:  // counted as received (RFC 3550 A.3), but no jitter sample
      ++received_cur_;
      publish(received_, received_retired_ + received_cur_);
      publish(ext_max_, uint64_t{cycles_} + max_seq_);
      publish(expected_, expected_retired_ + (uint64_t{cycles_} + max_seq_) - base_seq_ + 1);
      break;
    case SeqVerdict::probation:
      update_jitter(sample.timestamp, arrival_ticks);
      break;
    case SeqVerdict::discarded:
      break;
  }
}

// A new SSRC: RFC 3550 A.1's per-source setup. The totals of the previous source stay in
// the stream's counters ("retired"), so a re-INVITE that changes SSRC keeps the history.
void StreamStats::new_source(uint32_t ssrc, uint16_t seq) {
  publish(ssrc_, ssrc);
  retire_source();
  init_seq(seq);
  max_seq_ = static_cast<uint16_t>(seq - 1);
  probation_ = kMinSequential;
  have_source_ = true;
  have_transit_ = false;  // the timestamp base is the new source's
}

void StreamStats::retire_source() {
  received_retired_ += received_cur_;
  if (received_cur_ != 0) expected_retired_ += (uint64_t{cycles_} + max_seq_) - base_seq_ + 1;
  received_cur_ = 0;
}

void StreamStats::init_seq(uint16_t seq) {
  base_seq_ = seq;
  max_seq_ = seq;
  bad_seq_ = kSeqMod + 1;  // so seq == bad_seq_ is false
  cycles_ = 0;
  received_cur_ = 0;
  recent_ = 0;
}

// RFC 3550 A.1 update_seq(), plus duplicate/late classification from a 64-packet window.
StreamStats::SeqVerdict StreamStats::update_seq(uint16_t seq) {
  const uint16_t udelta = static_cast<uint16_t>(seq - max_seq_);
  if (probation_ != 0) {
    if (seq == static_cast<uint16_t>(max_seq_ + 1)) {
      --probation_;
      max_seq_ = seq;
      if (probation_ == 0) {
        init_seq(seq);
        recent_ = 1;
        return SeqVerdict::counted;
      }
    } else {
      probation_ = kMinSequential - 1;
      max_seq_ = seq;
    }
    return SeqVerdict::probation;
  }
  if (udelta == 0) {
    bump(duplicates_);
    return SeqVerdict::duplicate;
  }
  if (udelta < kMaxDropout) {
    if (seq < max_seq_) cycles_ += kSeqMod;  // wrapped past 65535
    max_seq_ = seq;
    recent_ = (udelta >= 64 ? 0 : recent_ << udelta) | 1;
    return SeqVerdict::counted;
  }
  if (udelta <= kSeqMod - kMaxMisorder) {
    // A very large jump: only believe it when the next packet follows it (A.1).
    if (seq != bad_seq_) {
      bad_seq_ = (seq + 1u) & (kSeqMod - 1);
      return SeqVerdict::discarded;
    }
    bump(resyncs_);
    retire_source();
    init_seq(seq);
    recent_ = 1;
    have_transit_ = false;
    return SeqVerdict::counted;
  }
  return classify_late(static_cast<uint16_t>(max_seq_ - seq));
}

// A packet `back` sequence numbers behind the highest one (1..MAX_MISORDER).
StreamStats::SeqVerdict StreamStats::classify_late(uint16_t back) {
  if (back < 64) {
    const uint64_t bit = uint64_t{1} << back;
    if (recent_ & bit) {
      bump(duplicates_);
      return SeqVerdict::duplicate;
    }
    recent_ |= bit;
  }
  bump(out_of_order_);
  return SeqVerdict::counted;
}

// RFC 3550 A.8 in its integer form: jitter_q4 holds J*16, J += (|D| - J)/16.
// D is taken modulo 2^32 so timestamp and arrival wraparound cancel out.
void StreamStats::update_jitter(uint32_t timestamp, uint64_t arrival_ticks) {
  const uint32_t transit = static_cast<uint32_t>(clock_.to_units(arrival_ticks)) - timestamp;
  if (!have_transit_) {
    have_transit_ = true;
    transit_ = transit;
    return;
  }
  const int64_t d = static_cast<int32_t>(transit - transit_);
  transit_ = transit;
  const uint64_t abs_d = static_cast<uint64_t>(d < 0 ? -d : d);
  jitter_q4_ = jitter_q4_ + abs_d - ((jitter_q4_ + 8) >> 4);
  const uint32_t jitter = static_cast<uint32_t>(
      std::min<uint64_t>(jitter_q4_ >> 4, std::numeric_limits<uint32_t>::max()));
  publish(jitter_, jitter);
  if (jitter > read(max_jitter_)) publish(max_jitter_, jitter);
}

StatsSnapshot StreamStats::snapshot() const {
  StatsSnapshot s;
  s.packets = read(packets_);
  s.bytes = read(bytes_);
  s.rtcp_packets = read(rtcp_packets_);
  s.rtcp_bytes = read(rtcp_bytes_);
  s.ssrc = read(ssrc_);
  s.received = read(received_);
  s.expected = read(expected_);
  s.ext_max_seq = read(ext_max_);
  s.duplicates = read(duplicates_);
  s.out_of_order = read(out_of_order_);
  s.ssrc_changes = read(ssrc_changes_);
  s.resyncs = read(resyncs_);
  s.jitter = read(jitter_);
  s.max_jitter = read(max_jitter_);
  s.last_arrival = read(last_arrival_);
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
