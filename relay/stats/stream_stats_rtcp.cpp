// StreamStats' RTCP half: counts, the peer's latest report block, and the RFC 3550 6.4.1
// round trip, which needs both directions: the SR travels on the reverse stream, the report
// block answering it on this one.

#include "relay/stats/rtcp_report.hpp"
#include "relay/stats/single_writer.hpp"
#include "relay/stats/stream_stats.hpp"

namespace rr::stats {

using detail::bump;
using detail::publish;
using detail::read;

void StreamStats::on_rtcp(uint32_t bytes) {
  bump(rtcp_packets_);
  bump(rtcp_bytes_, uint64_t{bytes});
}

void StreamStats::on_rtcp(std::span<const uint8_t> plaintext, uint64_t arrival_ticks) {
  on_rtcp_at(plaintext, clock_.to_ntp16(arrival_ticks));
}

void StreamStats::on_rtcp_at(std::span<const uint8_t> plaintext, uint32_t arrival_ntp16) {
  on_rtcp(static_cast<uint32_t>(plaintext.size()));
  const RtcpParse parsed = parse_rtcp(plaintext);
  if (!parsed.ok()) return bump(rtcp_malformed_);
  if (parsed.report.sender)  // our half of a round trip the reverse stream will measure
    publish(last_sr_, uint64_t{ntp_middle32(parsed.report.sender->ntp)} << 32 | arrival_ntp16);
  if (parsed.report.block_count == 0) return;  // SR without blocks, SDES, BYE, feedback
  take_round_trip(parsed.report, arrival_ntp16);
  const ReportBlock& block = parsed.report.blocks[0];
  publish(reported_ssrc_, block.ssrc);
  publish(reported_fraction_lost_, block.fraction_lost);
  publish(reported_lost_, block.cumulative_lost);
  publish(reported_jitter_, block.jitter);
  bump(rtcp_reports_);  // last: a reader that sees a count sees the fields it covers
}

// A - LSR - DLSR, where LSR must name the last SR the reverse stream carried toward this
// stream's sender and A - LSR is measured on our clock as (A - arrival of that SR): the round
// trip relay -> sender -> relay, whatever the sender's NTP clock says.
void StreamStats::take_round_trip(const RtcpReport& report, uint32_t arrival_ntp16) {
  if (reverse_ == nullptr) return;
  // Relaxed: another worker writes it; the word is self-consistent, and an SR newer than
  // the one answered simply fails the key match below.
  const uint64_t last_sr = read(reverse_->last_sr_);
  if (last_sr == 0) return;
  const auto key = static_cast<uint32_t>(last_sr >> 32);
  const auto sr_arrival = static_cast<uint32_t>(last_sr);
  for (uint8_t i = 0; i < report.block_count; ++i) {
    const ReportBlock& block = report.blocks[i];
    if (block.lsr == 0 || block.lsr != key) continue;
    ReportBlock on_our_clock = block;
    on_our_clock.lsr = sr_arrival;
    const std::optional<uint32_t> rtt = round_trip_ntp16(arrival_ntp16, on_our_clock);
    if (!rtt) return;  // DLSR longer than our interval: a lying or confused reporter
    publish(round_trip_, *rtt);
    bump(round_trips_);  // last, as with rtcp_reports_
    return;
  }
}

}  // namespace rr::stats
