// SIGTERM / SIGINT handling without async-signal-safety worries: the signals are blocked in
// every thread (call block_stop_signals() before EAL or any thread starts) and one thread
// waits for them with sigwait, then runs the stop action in normal thread context.
#pragma once

#include <functional>
#include <thread>

namespace rr::daemon {

void block_stop_signals();

class StopSignalWaiter {
 public:
  // Starts a thread that calls `on_stop(signal)` when SIGTERM or SIGINT arrives.
  explicit StopSignalWaiter(std::function<void(int)> on_stop);
  // Wakes the waiting thread (with SIGUSR1 to itself) if no signal came, and joins it.
  ~StopSignalWaiter();
  StopSignalWaiter(const StopSignalWaiter&) = delete;
  StopSignalWaiter& operator=(const StopSignalWaiter&) = delete;

 private:
  std::thread thread_;
};

}  // namespace rr::daemon
