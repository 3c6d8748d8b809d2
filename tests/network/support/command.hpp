// Runs a system tool (ip, kamailio, rtpengine-ng-client, ...) to completion and returns its
// exit code and output, for test set-up that has no library API worth binding to.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace rr::netlab {

struct CommandResult {
  int code = -1;  // exit code, 128 + signal, or -1 when it could not start or timed out
  std::string output;  // stdout and stderr interleaved
  bool ok() const { return code == 0; }
};

CommandResult run_command(const std::vector<std::string>& argv,
                          std::chrono::milliseconds timeout = std::chrono::seconds(30));

// The same, aborting the test set-up with std::runtime_error naming the command on failure:
// for steps whose failure leaves nothing meaningful to test (ip link add, ...).
std::string must_run(const std::vector<std::string>& argv);

// A scratch file name unique to this process, under the test temp dir.
std::string scratch_path(const std::string& stem);

}  // namespace rr::netlab
