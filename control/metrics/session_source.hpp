// SessionMetricsSource over session::Sessions: calls, streams and timeouts from the session
// layer, and each RTP stream's statistics through an injected lookup, because only the data
// plane's adapter may look forwarding entries up. Control thread only, like Sessions.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>

#include "control/metrics/sources.hpp"
#include "control/session/sessions.hpp"

namespace rr::metrics {

class SessionsSource final : public SessionMetricsSource {
 public:
  // Statistics of the stream received on `relay`; nullopt when nothing is published there
  // (an offer not yet answered, a disabled media): such streams are skipped.
  using StatsLookup = std::function<std::optional<stats::StatsSnapshot>(const Endpoint& relay)>;
  // The workers' time base (StatsSnapshot::last_arrival): ticks per second and now.
  struct TickClock {
    uint64_t ticks_per_second = 0;
    std::function<uint64_t()> now;
  };

  // `sessions` outlives this source.
  SessionsSource(session::Sessions& sessions, StatsLookup lookup, TickClock clock)
      : sessions_(sessions), lookup_(std::move(lookup)), clock_(std::move(clock)) {}

  SessionTotals totals() override;
  void for_each_stream(const std::function<void(const StreamSample&)>& visit) override;

 private:
  template <class Visit>
  void for_each_media(Visit&& visit) const;
  std::optional<double> seconds_since(uint64_t last_arrival, uint64_t now) const;

  session::Sessions& sessions_;
  StatsLookup lookup_;
  TickClock clock_;
};

}  // namespace rr::metrics
