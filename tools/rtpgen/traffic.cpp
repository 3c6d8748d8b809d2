#include "tools/rtpgen/traffic.hpp"

#include <poll.h>

#include <algorithm>
#include <array>
#include <limits>

#include "tools/rtpgen/clock.hpp"

namespace rr::rtpgen {

namespace {

// When behind, send at most this many sendmmsg bursts per direction before draining the
// sinks again, so a catch-up does not overflow our own receive buffers.
constexpr size_t kBurstsPerTurn = 4;

// Waits until `deadline_ns` or until a sink socket is readable.
void wait_until(uint64_t deadline_ns, std::span<SocketReceiver* const> sinks) {
  std::array<pollfd, 8> fds{};
  size_t n = std::min(sinks.size(), fds.size());
  for (size_t i = 0; i < n; ++i) fds[i] = {sinks[i]->fd(), POLLIN, 0};
  uint64_t now = monotonic_ns();
  uint64_t wait = deadline_ns > now ? deadline_ns - now : 0;
  timespec timeout{static_cast<time_t>(wait / 1'000'000'000u), static_cast<long>(wait % 1'000'000'000u)};
  ::ppoll(fds.data(), n, &timeout, nullptr);
}

bool stopped(const TrafficOptions& options) {
  return options.stop && options.stop->load(std::memory_order_relaxed);
}

}  // namespace

void run_traffic(std::span<Sender* const> senders, std::span<SocketReceiver* const> sinks,
                 const TrafficOptions& options) {
  const uint64_t start = monotonic_ns();
  for (Sender* sender : senders) sender->start(start);
  for (;;) {
    uint64_t now = monotonic_ns();
    uint64_t next_due = std::numeric_limits<uint64_t>::max();
    bool sending = false;
    for (Sender* sender : senders) {
      sender->pump(now, kBurstsPerTurn);
      if (!sender->pacer().done()) {
        sending = true;
        next_due = std::min(next_due, sender->pacer().next_due_ns());
      }
    }
    for (SocketReceiver* sink : sinks) sink->drain();
    if (!sending || stopped(options)) break;
    if (next_due > monotonic_ns()) wait_until(next_due, sinks);
  }
  const uint64_t end = monotonic_ns() + options.drain_ns;
  for (uint64_t now = monotonic_ns(); now < end && !sinks.empty(); now = monotonic_ns()) {
    wait_until(end, sinks);
    for (SocketReceiver* sink : sinks) sink->drain();
  }
}

}  // namespace rr::rtpgen
