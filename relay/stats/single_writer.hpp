// Relaxed accessors for StreamStats' published fields. Exactly one worker writes each field,
// so it may read its own stores back: load+store, not fetch_add, which x86 compiles to two
// movs instead of a locked instruction. Readers load each field whole, never torn.
#pragma once

#include <atomic>

namespace rr::stats::detail {

template <typename T>
inline void bump(std::atomic<T>& counter, T n = 1) {
  counter.store(counter.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
}
template <typename T>
inline void publish(std::atomic<T>& field, T value) {
  field.store(value, std::memory_order_relaxed);
}
template <typename T>
inline T read(const std::atomic<T>& field) {
  return field.load(std::memory_order_relaxed);
}

}  // namespace rr::stats::detail
