// Entering a named network namespace (`ip netns add NAME`) for the calling thread, and
// returning to the previous one on destruction. Sockets and AF_XDP/AF_PACKET ports keep
// the namespace they were created in, so one rtpgen process can own A's side in one
// namespace and B's side in another, as a caller and a callee on two networks.
#pragma once

#include <optional>
#include <string>

namespace rr::rtpgen {

class NetnsScope {
 public:
  // An empty name stays in the current namespace. A name with '/' is a path, else
  // /run/netns/NAME. nullopt with `error` set when it cannot be entered.
  static std::optional<NetnsScope> enter(const std::string& name, std::string& error);

  NetnsScope(NetnsScope&& other) noexcept : saved_fd_(other.saved_fd_) { other.saved_fd_ = -1; }
  NetnsScope& operator=(NetnsScope&&) = delete;
  NetnsScope(const NetnsScope&) = delete;
  NetnsScope& operator=(const NetnsScope&) = delete;
  ~NetnsScope();

 private:
  explicit NetnsScope(int saved_fd) : saved_fd_(saved_fd) {}
  int saved_fd_;  // the namespace to return to; -1 when nothing was entered
};

}  // namespace rr::rtpgen
