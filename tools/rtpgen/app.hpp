// rtpgen as a function: sockets, optional ng call set-up, traffic, report. main() only
// parses the command line and installs the SIGINT handler.
#pragma once

#include <atomic>
#include <iosfwd>

#include "tools/rtpgen/options.hpp"

namespace rr::rtpgen {

// Exit codes: 0 run completed (loss is reported, not an error), 1 set-up failure
// (bind, ng, refused destination).
int run(const Options& options, const std::atomic<bool>* stop, std::ostream& out, std::ostream& err);

}  // namespace rr::rtpgen
