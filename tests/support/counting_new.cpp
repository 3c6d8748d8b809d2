#include "tests/support/counting_new.hpp"

#include <cstdlib>
#include <new>

namespace rr::test_support {

std::atomic<bool> counting{false};
std::atomic<long> allocations{0};

}  // namespace rr::test_support

// GCC at -O2 sees free() of what it believes came from operator new: these replacements are
// the pair, so the warning is wrong here.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
void* operator new(size_t n) {
  if (rr::test_support::counting) ++rr::test_support::allocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
