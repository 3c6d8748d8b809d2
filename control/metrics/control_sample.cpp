#include "control/metrics/control_sample.hpp"

#include <utility>

namespace rr::metrics {

namespace {

// Length-prefixed fields, so that no call-id or tag a client sends can make two streams'
// keys collide.
std::string stream_key(const StreamLabels& labels) {
  std::string key;
  for (const std::string* field : {&labels.call_id, &labels.leg, &labels.direction}) {
    key += std::to_string(field->size());
    key += ':';
    key += *field;
  }
  key += std::to_string(labels.media);
  return key;
}

}  // namespace

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
  std::unordered_map<std::string, uint64_t> seen;
  seen.reserve(stream_bytes_.size());
  uint64_t live_bytes = 0;
  sources_.sessions->for_each_stream([&](const StreamSample& stream) {
    const uint64_t bytes = stream.stats.bytes + stream.stats.rtcp_bytes;
    std::string key = stream_key(stream.labels);
    // Same labels, fewer bytes: a new stream replaced the old one (re-offer) between samples.
    if (auto old = stream_bytes_.find(key); old != stream_bytes_.end() && old->second > bytes) {
      retired_bytes_ += old->second;
    }
    seen[std::move(key)] = bytes;
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
  for (const auto& [key, bytes] : stream_bytes_) {
    if (!seen.contains(key)) retired_bytes_ += bytes;
  }
  stream_bytes_ = std::move(seen);
  out.media_bytes = retired_bytes_ + live_bytes;
}

std::shared_ptr<const ControlSample> ControlSampler::latest() const {
  std::lock_guard lock(mutex_);
  return latest_;
}

}  // namespace rr::metrics
