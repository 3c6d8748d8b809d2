#include "control/metrics/control_sample.hpp"

#include <algorithm>
#include <utility>

namespace rr::metrics {

void ControlSampler::sample() {
  auto next = std::make_shared<ControlSample>();
  if (sources_.sessions) {
    next->sessions = sources_.sessions->totals();
    add_streams(*next);
  }
  if (sources_.ng) next->ng = sources_.ng();
  if (sources_.port_pools) next->port_pools = sources_.port_pools();

  std::lock_guard lock(mutex_);
  latest_ = std::move(next);
}

void ControlSampler::add_streams(ControlSample& out) {
  next_bytes_.clear();
  uint64_t live_bytes = 0;
  sources_.sessions->for_each_stream([&](const StreamSample& stream) {
    const uint64_t bytes = stream.stats.bytes + stream.stats.rtcp_bytes;
    next_bytes_.push_back({stream.relay, bytes});
    live_bytes += bytes;
    // Streams that have received nothing have no jitter or loss yet: counting them as
    // perfect would flatter the distributions.
    if (stream.stats.received > 0) {
      out.jitter.observe(stream.stats.jitter_ms() / 1000.0);
      out.loss.observe(stream.stats.loss_fraction());
    }
    if (const auto rtt_ms = stream.stats.round_trip_ms()) out.round_trip.observe(*rtt_ms / 1000.0);
    if (out.streams.size() < options_.max_stream_series) {
      out.streams.push_back(stream);
    } else {
      ++out.streams_omitted;
    }
  });
  const auto by_relay = [](const StreamBytes& a, const StreamBytes& b) { return a.relay < b.relay; };
  std::sort(next_bytes_.begin(), next_bytes_.end(), by_relay);
  // A stream gone since the last sample retires its bytes; so does one whose relay port now
  // counts fewer bytes: a new stream replaced it there (re-offer) between samples.
  auto now = next_bytes_.begin();
  for (const StreamBytes& before : stream_bytes_) {
    while (now != next_bytes_.end() && now->relay < before.relay) ++now;
    const bool still_there = now != next_bytes_.end() && now->relay == before.relay;
    if (!still_there || now->bytes < before.bytes) retired_bytes_ += before.bytes;
  }
  std::swap(stream_bytes_, next_bytes_);
  out.media_bytes = retired_bytes_ + live_bytes;
}

std::shared_ptr<const ControlSample> ControlSampler::latest() const {
  std::lock_guard lock(mutex_);
  return latest_;
}

}  // namespace rr::metrics
