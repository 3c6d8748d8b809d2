// rtpgen's command line. Every run is bounded: --duration and/or --packets.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "relay/packet/address.hpp"

namespace rr::rtpgen {

enum class Mode { loop, send, sink, relay };

struct Options {
  Mode mode = Mode::loop;
  uint32_t streams = 1;
  double rate_pps = 0;          // aggregate per direction; 0 = 50 per stream (20 ms G.711)
  double duration_s = 10;
  uint64_t packets = 0;         // per direction; 0 = rate * duration
  double drain_s = 0.5;         // keep receiving after the last send
  IpAddress local = IpAddress::v4(127, 0, 0, 1);
  std::optional<Endpoint> destination;  // send
  std::optional<Endpoint> listen;       // sink
  std::optional<Endpoint> ng;           // relay
  double ng_timeout_s = 1;
  int ng_attempts = 3;
  std::string json_file;
  uint32_t rows = 10;           // per-stream lines in the table
  uint32_t latency_streams = 1000;
  bool allow_any_destination = false;

  double rate() const { return rate_pps > 0 ? rate_pps : 50.0 * streams; }
  // Packets per direction this run sends: the smaller of --packets and rate * duration.
  uint64_t packet_limit() const;
};

struct ParsedOptions {
  Options options;
  std::string error;
  bool help = false;
  std::string usage;
};

ParsedOptions parse_options(int argc, const char* const* argv);

}  // namespace rr::rtpgen
