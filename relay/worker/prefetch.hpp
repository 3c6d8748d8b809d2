// Software prefetches the optimiser cannot delete.
//
// Why not a plain wrapper around __builtin_prefetch: GCC 12 treats the builtin as having no
// side effects, so its IPA pure-const pass marks a small function whose only statements are
// prefetches `const` and then deletes every call to it whose (void) result is unused.
// That happened to forward.cpp's prefetch of the stream state and peer latch from session 2
// to session 4: the source asked for them, the binary had none (`objdump -d`), and every
// "prefetch distance" experiment measured the same time because nothing was prefetched.
// An asm volatile is never removed. tests/unit/worker/check_prefetch_emitted.sh checks the
// built object still holds them.
#pragma once

namespace rr::worker {

// Into every cache level, to be read.
[[gnu::always_inline]] inline void prefetch_read(const void* p) noexcept {
#if defined(__x86_64__)
  asm volatile("prefetcht0 (%0)" : : "r"(p));
#else
  __builtin_prefetch(p, 0, 3);
#endif
}

// Into every cache level, exclusive: the line will be written (saves the later
// read-for-ownership). prefetchw is a NOP on x86 CPUs that lack it.
[[gnu::always_inline]] inline void prefetch_write(const void* p) noexcept {
#if defined(__x86_64__)
  asm volatile("prefetchw (%0)" : : "r"(p));
#else
  __builtin_prefetch(p, 1, 3);
#endif
}

}  // namespace rr::worker
