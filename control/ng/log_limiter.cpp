#include "control/ng/log_limiter.hpp"

namespace rr::ng {

bool LogLimiter::allow(const IpAddress& source, Clock::time_point now) {
  // Spoofed sources could grow the map without bound; forgetting every window at once is
  // harmless (it only lets a few more lines through) and keeps memory fixed.
  if (windows_.size() >= max_sources_ && windows_.find(source) == windows_.end()) windows_.clear();
  Window& w = windows_[source];
  if (w.count == 0 || now - w.start >= std::chrono::seconds(1)) {
    w.start = now;
    w.count = 0;
  }
  return ++w.count <= burst_;
}

}  // namespace rr::ng
