// rtpgen's DPDK transport: its own EAL (--file-prefix, --no-huge fallback) and one DPDK port
// per side, each on a veth end in that side's namespace, so one generator core offers more
// than a relay core forwards. Same pacing, calls, statistics and report as the sockets.
#pragma once

#include <iosfwd>

#include "tools/rtpgen/destination.hpp"
#include "tools/rtpgen/options.hpp"
#include "tools/rtpgen/traffic.hpp"

namespace rr::rtpgen {

// Loop and relay modes. Exit codes as run(): 1 for EAL, port or ng failures.
int run_dpdk_pair(const Options& o, const DestinationPolicy& policy, const TrafficOptions& traffic,
                  std::ostream& out, std::ostream& err);

}  // namespace rr::rtpgen
