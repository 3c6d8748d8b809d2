// A fixed-size single-producer / single-consumer ring of trivially copyable values: how a
// worker hands a neighbour request to worker 0.
//
// Why not rte_ring: this is the same algorithm as rte_ring's SP/SC mode, but in plain C++ the
// neighbour logic builds and is unit tested without EAL (like relay/table's QSBR). Requests
// are rare (one per next hop and retry interval), so nothing here is tuned beyond keeping the
// producer's and the consumer's index on separate cache lines.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <type_traits>

namespace rr::worker {

template <class T, size_t N>
class SpscRing {
  static_assert(N > 0 && (N & (N - 1)) == 0, "capacity must be a power of two");
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  // Producer only. False when full: the caller drops the value (and counts or retries later).
  bool push(const T& value) noexcept {
    const size_t tail = tail_.load(std::memory_order_relaxed);
    if (tail - head_.load(std::memory_order_acquire) == N) return false;
    items_[tail & (N - 1)] = value;
    tail_.store(tail + 1, std::memory_order_release);  // publishes the item
    return true;
  }

  // Consumer only. False when empty.
  bool pop(T& value) noexcept {
    const size_t head = head_.load(std::memory_order_relaxed);
    if (head == tail_.load(std::memory_order_acquire)) return false;
    value = items_[head & (N - 1)];
    head_.store(head + 1, std::memory_order_release);  // gives the slot back
    return true;
  }

 private:
  alignas(64) std::atomic<size_t> head_{0};  // next to pop; written by the consumer
  alignas(64) std::atomic<size_t> tail_{0};  // next to push; written by the producer
  alignas(64) std::array<T, N> items_{};
};

}  // namespace rr::worker
