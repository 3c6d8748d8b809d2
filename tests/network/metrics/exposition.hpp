// The relay's /metrics as the tests see it: one HTTP GET on a plain socket (what Prometheus
// does, no client library in between) and the Prometheus text format parsed back into
// samples, so assertions name a family and labels instead of matching substrings.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "relay/packet/address.hpp"

namespace rr::netlab {

using Labels = std::map<std::string, std::string, std::less<>>;

struct MetricSample {
  std::string name;  // with the rtp_relay_ prefix and any _count/_bucket suffix
  Labels labels;
  double value = 0;
};

class Exposition {
 public:
  // Every sample line; "# HELP"/"# TYPE" lines are skipped, lines that are neither are
  // counted in malformed_lines() rather than guessed at.
  static Exposition parse(std::string_view text);

  // The value of the one series of `name` whose labels include every entry of `match`;
  // nothing when no series or more than one matches (an ambiguous question is a test bug).
  std::optional<double> value(std::string_view name, const Labels& match = {}) const;
  // The sum over every series of `name` whose labels include `match` (0 when none does):
  // for gauges split by a label the test does not care about.
  double sum(std::string_view name, const Labels& match = {}) const;
  // How many series `name` has.
  size_t series_count(std::string_view name) const;
  size_t malformed_lines() const { return malformed_; }
  const std::vector<MetricSample>& samples() const { return samples_; }

 private:
  std::vector<MetricSample> samples_;
  size_t malformed_ = 0;
};

// One sample line, `name{label="value",...} number`; nothing if it is not one.
std::optional<MetricSample> parse_sample_line(std::string_view line);

// GET `path` over HTTP/1.0 from a TCP server on `server`: the body of a 200 answer, or
// nothing (refused, timed out, another status).
std::optional<std::string> http_get(const Endpoint& server, std::string_view path,
                                    std::chrono::milliseconds timeout);

// The daemon logs "metrics on http://ADDRESS:PORT/metrics" once it serves them; the test
// reads the port from there because RelayProcess picks it and does not expose it.
std::optional<Endpoint> metrics_endpoint_in_log(std::string_view log);

}  // namespace rr::netlab
