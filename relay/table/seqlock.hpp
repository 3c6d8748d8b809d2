// A few 64-bit words published by ONE writer and read by any thread without locks.
//
// The writer bumps the sequence to odd, stores the words, bumps it to even; a reader retries
// when it saw an odd sequence or the sequence changed under it. The writer never waits and
// nothing is allocated, which is why both the latched endpoint and the shared neighbour table
// use it. The words are relaxed atomics so that a torn read is detected by the sequence check
// instead of being a data race (Boehm, "Can seqlocks get along with programming language
// memory models?", 2012).
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>

namespace rr::table {

template <size_t N>
class SeqlockWords {
 public:
  using Words = std::array<uint64_t, N>;

  // Single writer.
  void store(const Words& words) noexcept {
    const uint32_t seq = seq_.load(std::memory_order_relaxed);
    seq_.store(seq + 1, std::memory_order_relaxed);
    // Orders the odd sequence before the payload stores (a release fence alone would not).
    std::atomic_thread_fence(std::memory_order_release);
    for (size_t i = 0; i < N; ++i) words_[i].store(words[i], std::memory_order_relaxed);
    seq_.store(seq + 2, std::memory_order_release);
  }

  // Any thread. Retries while a store is in progress; a store is a handful of instructions.
  Words load() const noexcept {
    Words words;
    load(words);
    return words;
  }
  // Into the caller's words: no copy of a returned array, whose word stores read back as one
  // wider load stalled on store forwarding (measured in the neighbour table's find).
  void load(Words& words) const noexcept { (void)load_stamped(words); }
  // The same, returning the sequence the words were read at: while sequence() still equals
  // it, no store has started since (a cache keyed by it is current).
  uint32_t load_stamped(Words& words) const noexcept {
    for (;;) {
      const uint32_t before = seq_.load(std::memory_order_acquire);
      if (before & 1U) continue;  // writer mid-store: it finishes within a few instructions
      for (size_t i = 0; i < N; ++i) words[i] = words_[i].load(std::memory_order_relaxed);
      std::atomic_thread_fence(std::memory_order_acquire);
      if (seq_.load(std::memory_order_relaxed) == before) return before;
    }
  }
  uint32_t sequence() const noexcept { return seq_.load(std::memory_order_acquire); }
  // True if no store has started since load_stamped returned `sequence`; then `word` is
  // words[i] as of that load. One word of a cached answer re-read without copying them all.
  bool load_if_unchanged(uint32_t sequence, size_t i, uint64_t& word) const noexcept {
    if (seq_.load(std::memory_order_acquire) != sequence) return false;
    word = words_[i].load(std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_acquire);
    return seq_.load(std::memory_order_relaxed) == sequence;
  }

  // Number of completed stores.
  uint32_t version() const noexcept { return seq_.load(std::memory_order_acquire) / 2; }

 private:
  std::atomic<uint32_t> seq_{0};  // odd while a store is in progress
  std::array<std::atomic<uint64_t>, N> words_{};
};

}  // namespace rr::table
