// Where a capture's streams come from: calls set up over ng (the relay chooses the ports),
// a saved stream list, or a synthetic relay port sequence (for the DPDK ceiling and tests).
#pragma once

#include <string>
#include <vector>

#include "tools/pcapgen/capture.hpp"
#include "tools/pcapgen/options.hpp"

namespace rr::pcapgen {

struct StreamsOrError {
  std::vector<RtpStream> streams;
  std::string error;
};

// Stream i → relay.port + 2 i (RTP ports are even, RTCP takes the odd one above). With
// per_address > 0, only that many streams per address: stream i goes to the relay address
// + i / per_address (the relay gives each of its addresses the whole port range).
std::vector<RtpStream> synthetic_streams(uint32_t count, const Endpoint& caller, const Endpoint& relay,
                                         uint32_t per_address = 0);

// Runs the options' mode. In ng mode the calls stay up: the relay must keep forwarding
// while the capture is replayed; the relay's timeout or a restart removes them.
StreamsOrError load_streams(const Options& options);

}  // namespace rr::pcapgen
