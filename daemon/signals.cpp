#include "daemon/signals.hpp"

#include <pthread.h>
#include <signal.h>

namespace rr::daemon {
namespace {

sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGUSR1);  // internal: wakes the waiter at shutdown
  return set;
}

}  // namespace

void block_stop_signals() {
  sigset_t set = stop_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

StopSignalWaiter::StopSignalWaiter(std::function<void(int)> on_stop)
    : thread_([on_stop = std::move(on_stop)] {
        sigset_t set = stop_signals();
        int signal = 0;
        if (sigwait(&set, &signal) == 0 && signal != SIGUSR1) on_stop(signal);
      }) {}

StopSignalWaiter::~StopSignalWaiter() {
  pthread_kill(thread_.native_handle(), SIGUSR1);  // harmless if it already returned
  thread_.join();
}

}  // namespace rr::daemon
