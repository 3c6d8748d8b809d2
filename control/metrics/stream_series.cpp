#include "control/metrics/stream_series.hpp"

#include <string>


namespace rr::metrics {

namespace {

using prometheus::MetricType;

std::vector<Label> labels_of(const StreamLabels& s) {
  return {{"call_id", s.call_id},
          {"leg", s.leg},
          {"media", std::to_string(s.media)},
          {"direction", s.direction}};
}

}  // namespace

void add_stream_series(Families& out, const ControlSample& sample) {
  auto jitter = make_family("stream_jitter_seconds", "Interarrival jitter of one RTP stream",
                            MetricType::Gauge);
  auto lost = make_family("stream_lost_packets", "Packets lost in one RTP stream (RFC 3550)",
                          MetricType::Gauge);
  auto packets = make_family("stream_packets_total", "RTP packets received in one stream",
                             MetricType::Counter);
  // Series appear only once there is something to say: no arrival, no idle time or MOS;
  // no RTCP report, no reported values; no answered SR, no round trip.
  auto idle = make_family("stream_seconds_since_last_packet",
                          "Seconds since one RTP stream last received a packet", MetricType::Gauge);
  auto mos = make_family("stream_mos",
                         "Estimated listening quality (E-model MOS, G.711) of one RTP stream, "
                         "with half the round trip as delay once measured",
                         MetricType::Gauge);
  // The stream's sender reports on the media it receives: the other direction, after the relay.
  auto reported_fraction = make_family(
      "stream_rtcp_reported_fraction_lost_ratio",
      "Fraction lost in the latest RTCP report block this stream's sender sent (RFC 3550 "
      "6.4.1: since its previous report), about the media it receives",
      MetricType::Gauge);
  auto reported_lost = make_family(
      "stream_rtcp_reported_lost_packets",
      "Cumulative packets lost in the latest RTCP report block this stream's sender sent",
      MetricType::Gauge);
  auto reported_jitter = make_family(
      "stream_rtcp_reported_jitter_seconds",
      "Interarrival jitter in the latest RTCP report block this stream's sender sent",
      MetricType::Gauge);
  auto round_trip = make_family(
      "stream_round_trip_seconds",
      "Round trip between the relay and this stream's sender (RFC 3550 6.4.1, latest)",
      MetricType::Gauge);
  for (const auto& stream : sample.streams) {
    const auto& stats = stream.stats;
    auto labels = labels_of(stream.labels);
    add_value(jitter, labels, stats.jitter_ms() / 1000.0);
    add_value(lost, labels, static_cast<double>(stats.lost_clamped()));
    add_value(packets, labels, static_cast<double>(stats.packets));
    if (stream.seconds_since_last_packet) {
      add_value(idle, labels, *stream.seconds_since_last_packet);
    }
    if (const auto score = stats.mos()) add_value(mos, labels, *score);
    if (stats.rtcp_reports != 0) {
      add_value(reported_fraction, labels, stats.reported_loss_fraction());
      add_value(reported_lost, labels, static_cast<double>(stats.reported_lost));
      add_value(reported_jitter, labels, stats.reported_jitter_ms() / 1000.0);
    }
    if (const auto rtt_ms = stats.round_trip_ms()) add_value(round_trip, labels, *rtt_ms / 1000.0);
  }
  for (auto* family : {&jitter, &lost, &packets, &idle, &mos, &reported_fraction, &reported_lost,
                       &reported_jitter, &round_trip})
    out.push_back(std::move(*family));
  add_value(add_family(out, "stream_series_omitted",
                       "Streams left out of the per-stream families by the series cap at the "
                       "last sample (aggregates still count them)",
                       MetricType::Gauge),
            {}, static_cast<double>(sample.streams_omitted));
}

}  // namespace rr::metrics
