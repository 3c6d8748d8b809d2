#include "tests/network/support/command.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <stdexcept>

#include "tests/support/process.hpp"

namespace rr::netlab {

std::string scratch_path(const std::string& stem) {
  static std::atomic<unsigned> counter{0};
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir && *dir ? dir : "/tmp") + "/rrt-" + std::to_string(getpid()) + "-" +
         std::to_string(counter++) + "-" + stem;
}

CommandResult run_command(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
  const std::string log = scratch_path("cmd.log");
  CommandResult result;
  {
    test::Child child(argv, log);
    if (child.started()) {
      if (auto code = child.wait_exit(timeout)) result.code = *code;
      result.output = child.output();
    }
  }  // a command that timed out is killed here
  std::remove(log.c_str());
  return result;
}

std::string must_run(const std::vector<std::string>& argv) {
  auto result = run_command(argv);
  if (!result.ok()) {
    std::string line;
    for (const auto& a : argv) line += a + " ";
    throw std::runtime_error(line + "-> exit " + std::to_string(result.code) + ": " + result.output);
  }
  return result.output;
}

}  // namespace rr::netlab
