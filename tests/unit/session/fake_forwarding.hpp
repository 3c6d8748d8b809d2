// A Forwarding that records every publish and retire and serves counters set by the test.
#pragma once

#include <map>
#include <vector>

#include "control/session/forwarding.hpp"

namespace rr::session::testing {

class RecordingForwarding final : public Forwarding {
 public:
  bool publish_media(const MediaPath& path) override {
    published.push_back(path);
    live.push_back(path);
    return true;
  }
  void retire_media(const MediaPath& path) override {
    retired.push_back(path);
    std::erase(live, path);
  }
  void reclaim() override { ++reclaims; }
  StreamCounters stream_counters(const Endpoint& relay) const override {
    auto it = counters.find(relay);
    return it == counters.end() ? StreamCounters{} : it->second;
  }

  std::vector<MediaPath> published, retired, live;
  std::map<Endpoint, StreamCounters> counters;
  int reclaims = 0;
};

}  // namespace rr::session::testing
