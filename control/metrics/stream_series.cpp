#include "control/metrics/stream_series.hpp"

#include <string>

#include "relay/stats/mos.hpp"

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
  // Series appear only once there is something to say: no arrival, no idle time or MOS.
  auto idle = make_family("stream_seconds_since_last_packet",
                          "Seconds since one RTP stream last received a packet", MetricType::Gauge);
  auto mos = make_family("stream_mos",
                         "Estimated listening quality (E-model MOS, G.711) of one RTP stream",
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
    if (stats.received > 0) {
      add_value(mos, std::move(labels),
                stats::mos({.loss_percent = stats.loss_fraction() * 100.0,
                            .jitter_ms = stats.jitter_ms()}));
    }
  }
  for (auto* family : {&jitter, &lost, &packets, &idle, &mos}) out.push_back(std::move(*family));
  add_value(add_family(out, "stream_series_omitted",
                       "Streams left out of the per-stream families by the series cap at the "
                       "last sample (aggregates still count them)",
                       MetricType::Gauge),
            {}, static_cast<double>(sample.streams_omitted));
}

}  // namespace rr::metrics
