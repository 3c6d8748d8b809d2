#include "relay/table/hot_memory.hpp"

#include <sys/mman.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <mutex>

#if defined(__SANITIZE_ADDRESS__)
#define RR_HOT_MEMORY_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RR_HOT_MEMORY_ASAN 1
#endif
#endif
#ifdef RR_HOT_MEMORY_ASAN
#include <sanitizer/asan_interface.h>
#define RR_POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define RR_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define RR_POISON(p, n) ((void)(p), (void)(n))
#define RR_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

namespace rr::table::hot_memory {
namespace {

constexpr size_t kHugePage = size_t{2} << 20;

size_t class_of(size_t size) noexcept { return (size + 63) / 64 - 1; }

size_t whole_huge_pages(size_t bytes) noexcept { return bytes == 0 ? kHugePage : (bytes + kHugePage - 1) & ~(kHugePage - 1); }

}  // namespace

// Aligned to a huge page: map one huge page more, unmap the slack.
void* map_huge(size_t requested) {
  const size_t bytes = whole_huge_pages(requested);
  const size_t span = bytes + kHugePage;
  void* raw = mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<uintptr_t>(raw);
  const uintptr_t aligned = (start + kHugePage - 1) & ~(kHugePage - 1);
  if (aligned > start) munmap(raw, aligned - start);
  if (const uintptr_t tail = start + span - (aligned + bytes)) munmap(reinterpret_cast<void*>(aligned + bytes), tail);
  auto* region = reinterpret_cast<void*>(aligned);
  // Advice, not a requirement: with THP "never" the region stays on 4 KiB pages.
  madvise(region, bytes, MADV_HUGEPAGE);
  return region;
}

void unmap_huge(void* base, size_t bytes) noexcept { munmap(base, whole_huge_pages(bytes)); }

std::string selected_mode(std::string_view text) {
  const size_t open = text.find('[');
  const size_t close = text.find(']', open);
  if (open == std::string_view::npos || close == std::string_view::npos) return {};
  return std::string(text.substr(open + 1, close - open - 1));
}

std::string transparent_huge_pages() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  return selected_mode(std::string(std::istreambuf_iterator<char>(in), {}));
}

Arena::~Arena() {
  for (Region* r = regions_; r != nullptr;) {
    Region* previous = r->previous;
    RR_UNPOISON(r->base, kRegionBytes);
    unmap_huge(r->base, kRegionBytes);
    r = previous;
  }
}

void* Arena::allocate(size_t size, size_t alignment) {
  if (!serves(size, alignment)) return nullptr;
  const size_t index = class_of(size);
  const size_t bytes = (index + 1) * 64;
  if (FreeBlock* block = free_[index]) {
    RR_UNPOISON(block, bytes);
    free_[index] = block->next;
    usage_.in_use_bytes += bytes;
    return block;
  }
  if (next_ == nullptr || static_cast<size_t>(end_ - next_) < bytes) {
    void* base = map_huge(kRegionBytes);
    // The region's bookkeeping takes its first line; blocks start 64 bytes in.
    auto* region = static_cast<Region*>(base);
    *region = {base, regions_};
    regions_ = region;
    next_ = static_cast<char*>(base) + 64;
    end_ = static_cast<char*>(base) + kRegionBytes;
    RR_POISON(next_, kRegionBytes - 64);
    usage_.reserved_bytes += kRegionBytes;
  }
  void* block = next_;
  next_ += bytes;
  RR_UNPOISON(block, bytes);
  usage_.in_use_bytes += bytes;
  return block;
}

void Arena::release(void* block, size_t size) noexcept {
  if (block == nullptr) return;
  const size_t index = class_of(size);
  const size_t bytes = (index + 1) * 64;
  auto* freed = static_cast<FreeBlock*>(block);
  freed->next = free_[index];
  free_[index] = freed;
  usage_.in_use_bytes -= bytes;
  RR_POISON(block, bytes);
}

namespace {

struct Shared {
  std::mutex mutex;
  Arena arena;
};

// Never destroyed: objects may be released during static destruction.
Shared& shared() {
  static Shared* instance = new Shared;
  return *instance;
}

}  // namespace

bool enabled() noexcept {
#ifdef RR_HOT_MEMORY_ASAN
  return false;
#else
  return true;
#endif
}

void* allocate(size_t size, size_t alignment) {
  if (enabled() && Arena::serves(size, alignment)) {
    Shared& s = shared();
    const std::lock_guard lock(s.mutex);
    return s.arena.allocate(size, alignment);
  }
  return ::operator new(size, std::align_val_t{alignment});
}

void release(void* block, size_t size, size_t alignment) noexcept {
  if (block == nullptr) return;
  if (enabled() && Arena::serves(size, alignment)) {
    Shared& s = shared();
    const std::lock_guard lock(s.mutex);
    s.arena.release(block, size);
    return;
  }
  ::operator delete(block, std::align_val_t{alignment});  // unsized: clang without -fsized-deallocation
}

Usage usage() noexcept {
  Shared& s = shared();
  const std::lock_guard lock(s.mutex);
  return s.arena.usage();
}

}  // namespace rr::table::hot_memory
