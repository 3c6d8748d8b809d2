#include "tools/rtpgen/netns.hpp"

#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace rr::rtpgen {

std::optional<NetnsScope> NetnsScope::enter(const std::string& name, std::string& error) {
  if (name.empty()) return NetnsScope(-1);
  const std::string path = name.find('/') != std::string::npos ? name : "/run/netns/" + name;
  int target = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (target < 0) {
    error = "network namespace " + path + ": " + std::strerror(errno);
    return std::nullopt;
  }
  int saved = ::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  if (saved < 0 || ::setns(target, CLONE_NEWNET) != 0) {
    error = "cannot enter network namespace " + path + ": " + std::strerror(errno);
    if (saved >= 0) ::close(saved);
    ::close(target);
    return std::nullopt;
  }
  ::close(target);
  return NetnsScope(saved);
}

NetnsScope::~NetnsScope() {
  if (saved_fd_ < 0) return;
  // Returning can only fail if the saved namespace vanished, which an open fd prevents.
  (void)::setns(saved_fd_, CLONE_NEWNET);
  ::close(saved_fd_);
}

}  // namespace rr::rtpgen
