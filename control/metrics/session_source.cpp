#include "control/metrics/session_source.hpp"

namespace rr::metrics {

template <class Visit>
void SessionsSource::for_each_media(Visit&& visit) const {
  // Ordered by call-id, which keeps the series cap stable between samples.
  for (const auto& [id, call] : sessions_.calls()) {
    for (const auto& [tag, leg] : call.legs) {
      for (const session::Media& media : leg.media) visit(call, leg, media);
    }
  }
}

SessionTotals SessionsSource::totals() {
  SessionTotals totals;
  totals.calls = sessions_.size();
  for_each_media([&](const session::Call&, const session::Leg&, const session::Media& media) {
    totals.streams += session::streams_of(media).size();
  });
  const session::Statistics stats = sessions_.statistics();
  totals.timeouts[index(TimeoutKind::timeout)] = stats.timeout_sessions;
  totals.timeouts[index(TimeoutKind::silent_timeout)] = stats.silent_timeout_sessions;
  totals.timeouts[index(TimeoutKind::final_timeout)] = stats.final_timeout_sessions;
  return totals;
}

void SessionsSource::for_each_stream(const std::function<void(const StreamSample&)>& visit) {
  const uint64_t now = clock_.now ? clock_.now() : 0;
  StreamSample sample;
  for_each_media(
      [&](const session::Call& call, const session::Leg& leg, const session::Media& media) {
        const std::vector<session::Stream> streams = session::streams_of(media);
        for (const session::Stream& stream : streams) {
          if (stream.kind != session::StreamKind::rtp)
            continue;  // RTCP has no jitter or loss of its own
          auto stats = lookup_(stream.local);
          if (!stats) continue;
          // Without rtcp-mux the peer's reports and the round trip arrive on the RTCP port.
          for (const session::Stream& rtcp : streams)
            if (rtcp.kind == session::StreamKind::rtcp)
              if (const auto rtcp_stats = lookup_(rtcp.local)) stats->adopt_rtcp_reports(*rtcp_stats);
          // This leg's relay ports receive what the leg's peer sends: the stream comes from `leg`.
          sample.relay = stream.local;
          sample.labels = {call.call_id, leg.tag, media.index,
                           leg.tag == call.tag_a ? "caller_to_callee" : "callee_to_caller"};
          sample.stats = *stats;
          sample.seconds_since_last_packet = seconds_since(stats->last_arrival, now);
          visit(sample);
        }
      });
}

std::optional<double> SessionsSource::seconds_since(uint64_t last_arrival, uint64_t now) const {
  if (last_arrival == 0 || clock_.ticks_per_second == 0) return std::nullopt;
  // A worker may stamp a packet after control read `now`: that is "just now", not negative.
  const uint64_t elapsed = now > last_arrival ? now - last_arrival : 0;
  return static_cast<double>(elapsed) / static_cast<double>(clock_.ticks_per_second);
}

}  // namespace rr::metrics
