// Quiescent-state-based reclamation in plain C++: the grace period that lets control free a
// retired forwarding entry once no worker can still hold a pointer to it.
//
// DPDK ships the same idea as rte_rcu_qsbr; this version keeps relay/table free of EAL so it
// is unit tested with std::thread. Protocol:
//   worker:  online() at start, quiescent() once per poll-loop iteration (never while holding
//            an entry pointer), offline() before blocking or stopping.
//   control: unlink the entry, token = start(), then free it once check(token) is true
//            (or wait(token) when it may block: shutdown, tests).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

namespace rr::table {

class Qsbr {
 public:
  explicit Qsbr(unsigned workers);

  unsigned workers() const noexcept { return workers_; }

  // Worker side. `worker` is the worker's index, < workers(); each index has one thread.
  void online(unsigned worker) noexcept;
  void offline(unsigned worker) noexcept;
  void quiescent(unsigned worker) noexcept {
    // Release: every read of an entry before this point happens-before control's check.
    slots_[worker].epoch.store(epoch_.load(std::memory_order_acquire), std::memory_order_release);
  }

  // Control side (one thread).
  uint64_t start() noexcept;                   // call after unlinking; returns the grace token
  bool check(uint64_t token) const noexcept;   // every online worker passed a quiescent point since
  void wait(uint64_t token) const noexcept;    // blocks (yields) until check(token)

 private:
  static constexpr uint64_t kOffline = 0;  // epochs start at 1

  // One cache line per worker so that the per-loop store does not bounce other workers' lines.
  struct alignas(64) Slot {
    std::atomic<uint64_t> epoch{kOffline};
  };

  unsigned workers_;
  alignas(64) std::atomic<uint64_t> epoch_{1};
  std::unique_ptr<Slot[]> slots_;
};

}  // namespace rr::table
