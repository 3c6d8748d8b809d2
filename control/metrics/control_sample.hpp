// The control thread's contribution to a scrape: totals, port pools, ng counters, the
// per-stream distributions over ALL streams and the per-stream series up to a cap.
// ControlSampler builds one per tick on the control thread; HTTP threads read the latest.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "control/metrics/distribution.hpp"
#include "control/metrics/sources.hpp"

namespace rr::metrics {

struct ControlSample {
  std::optional<SessionTotals> sessions;
  std::optional<NgCounts> ng;
  std::optional<std::vector<PortPool>> port_pools;

  std::vector<StreamSample> streams;  // the first max_stream_series streams
  uint64_t streams_omitted = 0;       // streams beyond the cap (still in the distributions)
  Distribution jitter{kJitterBoundsSeconds};
  Distribution loss{kLossBoundsRatio};
  Distribution round_trip{kRoundTripBoundsSeconds};  // streams with a measured round trip
  // UDP payload bytes (RTP and RTCP) of live streams plus those of ended streams as last
  // sampled: monotonic, but misses what an ended stream received after its last sample.
  uint64_t media_bytes = 0;
};

struct SamplerOptions {
  size_t max_stream_series = 2000;  // per-stream series: up to 9 per stream
};

class ControlSampler {
 public:
  explicit ControlSampler(ControlSources sources, SamplerOptions options = {})
      : sources_(std::move(sources)), options_(options) {}

  // Control thread: read every source and publish the result. Call it from the tick.
  void sample();

  // Any thread. Empty sample before the first sample().
  std::shared_ptr<const ControlSample> latest() const;

 private:
  void add_streams(ControlSample& out);

  ControlSources sources_;
  SamplerOptions options_;
  struct StreamBytes {
    Endpoint relay;
    uint64_t bytes;
  };
  // Bytes per stream at the previous sample, sorted by relay endpoint (control thread only),
  // to carry ended streams' bytes into retired_bytes_. Two vectors reused every second:
  // no allocation per stream once they have grown.
  std::vector<StreamBytes> stream_bytes_, next_bytes_;
  uint64_t retired_bytes_ = 0;

  mutable std::mutex mutex_;  // guards latest_; held only to swap or copy a pointer
  std::shared_ptr<const ControlSample> latest_ = std::make_shared<const ControlSample>();
};

}  // namespace rr::metrics
