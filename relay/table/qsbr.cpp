#include "relay/table/qsbr.hpp"

#include <thread>

namespace rr::table {

Qsbr::Qsbr(unsigned workers) : workers_(workers), slots_(std::make_unique<Slot[]>(workers)) {}

void Qsbr::online(unsigned worker) noexcept {
  slots_[worker].epoch.store(epoch_.load(std::memory_order_acquire), std::memory_order_relaxed);
  // Store-load barrier: either control's check sees this worker online, or the worker's next
  // table read sees control's unlink. Without it both could miss each other.
  std::atomic_thread_fence(std::memory_order_seq_cst);
}

void Qsbr::offline(unsigned worker) noexcept {
  slots_[worker].epoch.store(kOffline, std::memory_order_release);
}

uint64_t Qsbr::start() noexcept {
  // seq_cst pairs with the fence in online() and orders the caller's unlink before the bump.
  return epoch_.fetch_add(1, std::memory_order_seq_cst) + 1;
}

bool Qsbr::check(uint64_t token) const noexcept {
  for (unsigned i = 0; i < workers_; ++i) {
    const uint64_t seen = slots_[i].epoch.load(std::memory_order_seq_cst);
    if (seen != kOffline && seen < token) return false;
  }
  return true;
}

void Qsbr::wait(uint64_t token) const noexcept {
  while (!check(token)) std::this_thread::yield();
}

}  // namespace rr::table
