// The sink's results, per stream and in total, as a human table and as JSON.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "tools/rtpgen/sender.hpp"
#include "tools/rtpgen/sink.hpp"

namespace rr::rtpgen {

// One direction of traffic: what its sender sent (when it ran in this process) and what
// its sink received.
struct Direction {
  std::string name;               // "a->b", "b->a", "sink"
  const Sender* sender = nullptr; // nullptr in sink-only mode
  const Sink* sink = nullptr;
};

struct StreamSummary {
  uint64_t sent = 0;
  bool has_sent = false;  // false in sink-only mode, where the sender is elsewhere
  uint64_t received = 0, lost = 0, duplicates = 0;
  double jitter_ms = 0;  // totals: the mean over streams that received anything
  uint64_t p50_ns = 0, p99_ns = 0, p999_ns = 0;
  bool has_latency = false;
};

StreamSummary summarize_stream(const Direction& direction, uint32_t stream);
StreamSummary summarize_total(const Direction& direction);

// At most `stream_rows` per-stream lines per direction, then the total.
void print_report(const std::vector<Direction>& directions, uint32_t stream_rows, std::ostream& out);
// Every stream, every direction.
void write_json(const std::vector<Direction>& directions, std::ostream& out);

}  // namespace rr::rtpgen
