// relayctl's command line: [--server ADDR:PORT] [--timeout S] [--attempts N] [--json]
// [--count N] COMMAND [ARGS...].
#pragma once

#include <string>
#include <vector>

#include "relay/packet/address.hpp"

namespace rr::relayctl {

struct Options {
  Endpoint server = {IpAddress::v4(127, 0, 0, 1), 2223};
  double timeout_s = 1.0;  // per attempt
  int attempts = 3;
  bool json = false;       // print the raw reply as JSON instead of the readable form
  int count = 0;           // top: refreshes before exiting; 0 = until interrupted
  int rows = 10;           // top: rows per table
  std::string command;
  std::vector<std::string> args;
};

struct ParsedOptions {
  Options options;
  std::string error;      // usage error, printed with the usage text
  bool help = false;
  std::string usage;
};

ParsedOptions parse_options(int argc, const char* const* argv);

}  // namespace rr::relayctl
