// A network namespace owned by the test: `ip netns add` on construction, every process and
// link in it gone on destruction, so a failing test leaves nothing behind. Names are
// "rrt-<pid>-<role>": the pid lets cleanup_stale_namespaces() remove exactly the leftovers
// of test processes that died (SIGKILL, timeout) without touching a running test's.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "tests/network/support/command.hpp"

namespace rr::netlab {

class Namespace {
 public:
  explicit Namespace(const std::string& role);  // throws when `ip netns add` fails
  ~Namespace();
  Namespace(const Namespace&) = delete;
  Namespace& operator=(const Namespace&) = delete;

  const std::string& name() const { return name_; }
  // `ip netns exec <name> argv...`
  CommandResult exec(const std::vector<std::string>& argv,
                     std::chrono::milliseconds timeout = std::chrono::seconds(30)) const;
  // Runs `work` on a helper thread that has entered this namespace (setns affects only the
  // calling thread), and waits for it. Sockets created there stay in this namespace.
  void run_inside(const std::function<void()>& work) const;

 private:
  std::string name_;
};

// The "rrt-<pid>-*" namespaces, "rrt<pid>*" links and the processes (relay, kamailio, sipp:
// "/rrt-<pid>-..." scratch files on their command line) of test processes that no longer
// run. Call once at the start of a test program. Returns what it removed, for the log.
std::vector<std::string> cleanup_stale_namespaces();

// Test-owned names carry this pid; short enough for 15-character interface names.
std::string owner_tag();

}  // namespace rr::netlab
