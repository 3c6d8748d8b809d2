// What the exporter reads, as plain values and narrow interfaces, so that control/metrics
// depends on no concrete session or ng class and tests feed fakes.
//
// Threads: workers' counters are single-writer atomics and are read at scrape time from
// the HTTP thread. Everything else belongs to the control thread (sessions, port allocators,
// ng counters are not thread safe), so ControlSampler reads these sources ON the control
// thread, once per tick, and scrapes serve the latest sample.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "control/metrics/vocabulary.hpp"
#include "control/ng/command.hpp"
#include "control/ng/udp_server.hpp"
#include "control/ports/port_range.hpp"
#include "relay/packet/address.hpp"
#include "relay/stats/stream_stats.hpp"

namespace rr::metrics {

// The labels of one stream's series. direction: "caller_to_callee" for a stream sent by
// the offerer's peer, "callee_to_caller" for the answerer's.
struct StreamLabels {
  std::string call_id;
  std::string leg;     // tag of the leg whose peer sends this stream
  uint32_t media = 0;  // 1-based m= index, as in ng replies
  std::string direction;
};

// One RTP stream as the control thread sees it now.
struct StreamSample {
  Endpoint relay;  // where the relay receives this stream: unique among live streams
  StreamLabels labels;
  stats::StatsSnapshot stats;
  std::optional<double> seconds_since_last_packet;  // nullopt: no packet yet
};

struct SessionTotals {
  uint64_t calls = 0;                                     // active calls
  uint64_t streams = 0;                                   // active streams, RTP and RTCP
  std::array<uint64_t, kTimeoutKinds.size()> timeouts{};  // calls ended, by kind, since start
};

// What the session layer implements (control thread only).
class SessionMetricsSource {
 public:
  virtual ~SessionMetricsSource() = default;
  virtual SessionTotals totals() = 0;
  // Every live RTP stream, in a stable order (by call-id), so the series cap keeps the same
  // streams from one scrape to the next.
  virtual void for_each_stream(const std::function<void(const StreamSample&)>& visit) = 0;
};

// Ports of one interface (all its addresses summed).
struct PortPool {
  std::string interface;
  ports::Counters counters;
};

// The ng reply cache (control/ng/reply_cache.hpp): how full it is against ng-reply-cache-mb,
// and how many replies left it before their 60 s because it was full. A retransmission of
// such a request runs its command again, so a rising eviction count means the bound is too
// small for the request rate.
struct ReplyCacheCounts {
  uint64_t entries = 0;
  uint64_t bytes = 0;  // replies plus per-entry bookkeeping, as the bound counts them
  uint64_t limit_bytes = 0;
  uint64_t evicted_early = 0;
};

struct NgCounts {
  // requests[command][result]
  std::array<std::array<uint64_t, kNgResults.size()>, ng::kCommands.size()> requests{};
  std::array<uint64_t, kNgErrorReasons.size()> errors{};
  ng::ServerCounters server;
  std::optional<ReplyCacheCounts> reply_cache;  // empty: its families are left out
};

// Everything the control thread provides; any member may be empty (its families are left out).
struct ControlSources {
  SessionMetricsSource* sessions = nullptr;
  std::function<std::vector<PortPool>()> port_pools;
  std::function<NgCounts()> ng;
};

}  // namespace rr::metrics
