// Counters with exactly one writing thread and any number of readers.
#pragma once

#include <atomic>
#include <cstdint>

namespace rr::table {

// A relaxed load+store is a plain add on x86 (no lock prefix): correct because only one
// thread ever writes the counter; readers see each value whole.
inline void bump(std::atomic<uint64_t>& counter, uint64_t by = 1) noexcept {
  counter.store(counter.load(std::memory_order_relaxed) + by, std::memory_order_relaxed);
}

}  // namespace rr::table
