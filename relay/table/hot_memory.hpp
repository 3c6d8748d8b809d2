// Memory for the objects every relayed packet reads: forwarding entries, stream states, SRTP
// sessions, the table's slots and each worker's egress cache.
//
// Why not the heap: at 100 000 streams these objects span ~75 MB, scattered between the
// control plane's other allocations on 4 KiB pages, so every packet's entry and state are
// TLB misses, and a software prefetch that misses the TLB waits for the page walk (perf
// annotate of the worker at 100 000 streams: 61 % of forward_chunk on the entry's prefetch).
// Here they are packed into regions advised MADV_HUGEPAGE (transparent huge pages; Debian's
// default mode "madvise" honours it, "never" leaves 4 KiB pages and the same behaviour).
//
// Control plane only: allocate and release take a mutex. Workers never allocate (hot-path
// rule). Freed blocks are kept per size for the next stream; regions are never returned to
// the kernel, so the footprint is the peak number of streams, shown by usage().
// Under AddressSanitizer the objects stay on the heap (see allocate below).
#pragma once

#include <cstddef>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <utility>

namespace rr::table {

namespace hot_memory {

struct Usage {
  size_t reserved_bytes = 0;  // mapped from the kernel
  size_t in_use_bytes = 0;    // handed out and not released
};

// Blocks in 64-byte size classes up to kMaxBlock, carved from 2 MiB-aligned regions advised
// MADV_HUGEPAGE; a released block goes on its class's free list. Not thread-safe: the
// process-wide one below wraps it in a mutex. Unit tested directly (tests/unit/table).
class Arena {
 public:
  static constexpr size_t kMaxBlock = 4096;
  static constexpr size_t kMaxAlignment = 64;
  static constexpr size_t kRegionBytes = size_t{8} << 20;

  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena();  // unmaps every region: only for arenas whose blocks are all gone (tests)

  // nullptr if the size or alignment is not the arena's to serve (the caller falls back to
  // the heap); throws std::bad_alloc if mmap fails.
  void* allocate(size_t size, size_t alignment);
  void release(void* block, size_t size) noexcept;
  static bool serves(size_t size, size_t alignment) noexcept {
    return size > 0 && size <= kMaxBlock && alignment <= kMaxAlignment;
  }
  Usage usage() const noexcept { return usage_; }

 private:
  static constexpr size_t kClasses = kMaxBlock / 64;
  struct FreeBlock {
    FreeBlock* next;
  };
  FreeBlock* free_[kClasses] = {};
  char* next_ = nullptr;  // bump pointer into the newest region
  char* end_ = nullptr;
  struct Region {
    void* base;
    Region* previous;
  };
  Region* regions_ = nullptr;  // kept in each region's first bytes
  Usage usage_;
};

// The process-wide arena behind HotObject. Under AddressSanitizer these use the heap, so
// ASan and LeakSanitizer keep full precision on the real objects (a retired entry touched
// after its grace period is a heap-use-after-free); Arena itself is tested either way.
// Aligned to `alignment`. Throws std::bad_alloc when memory is refused.
void* allocate(size_t size, size_t alignment);
// `size` and `alignment` as given to allocate.
void release(void* block, size_t size, size_t alignment) noexcept;
Usage usage() noexcept;
// False when built with AddressSanitizer (the heap serves every block).
bool enabled() noexcept;

// The kernel's transparent huge page mode, the bracketed word of
// /sys/kernel/mm/transparent_hugepage/enabled ("always [madvise] never" -> "madvise"):
// with "never" the regions above stay on 4 KiB pages. Empty if unreadable.
std::string transparent_huge_pages();
std::string selected_mode(std::string_view sysfs_text);

// A mapping of `bytes` rounded up to whole 2 MiB pages, 2 MiB aligned, advised
// MADV_HUGEPAGE; throws std::bad_alloc. unmap takes the same `bytes`.
void* map_huge(size_t bytes);
void unmap_huge(void* base, size_t bytes) noexcept;

}  // namespace hot_memory

// A shared T in hot memory: stream states (shared by an entry and its peer's) and SRTP
// sessions. std::make_shared would put T on the heap inside its control block; here the
// control block stays on the heap (only control touches it) and T goes to hot memory.
template <typename T, typename... Args>
std::shared_ptr<T> make_hot_shared(Args&&... args) {
  void* block = hot_memory::allocate(sizeof(T), alignof(T));
  T* object;
  try {
    object = ::new (block) T(std::forward<Args>(args)...);
  } catch (...) {
    hot_memory::release(block, sizeof(T), alignof(T));
    throw;
  }
  return std::shared_ptr<T>(object, [](T* p) {
    p->~T();
    hot_memory::release(p, sizeof(T), alignof(T));
  });
}

// `size` value-initialised T in a mapping of their own (hot_memory::map_huge): for the large
// arrays indexed per packet, the table's slots and each worker's egress cache. At 100 000
// streams the egress cache alone is 12.8 MB: on 4 KiB pages a TLB miss per packet.
template <typename T>
class HugeArray {
 public:
  explicit HugeArray(size_t size)
      : size_(size), data_(static_cast<T*>(hot_memory::map_huge(size * sizeof(T)))) {
    std::uninitialized_value_construct_n(data_, size_);
  }
  HugeArray(HugeArray&& other) noexcept
      : size_(std::exchange(other.size_, 0)), data_(std::exchange(other.data_, nullptr)) {}
  HugeArray& operator=(HugeArray&& other) noexcept {
    std::swap(size_, other.size_);
    std::swap(data_, other.data_);
    return *this;
  }
  HugeArray(const HugeArray&) = delete;
  HugeArray& operator=(const HugeArray&) = delete;
  ~HugeArray() {
    if (!data_) return;
    std::destroy_n(data_, size_);
    hot_memory::unmap_huge(data_, size_ * sizeof(T));
  }

  T& operator[](size_t i) noexcept { return data_[i]; }
  const T& operator[](size_t i) const noexcept { return data_[i]; }
  size_t size() const noexcept { return size_; }

 private:
  size_t size_;
  T* data_;
};

// Base of the uniquely owned per-stream objects (ForwardingEntry: made by make_unique,
// deleted by the table after a grace period): `new T` and `delete` go through hot_memory.
// Empty, so the derived layout (and its offsetof asserts) is unchanged.
struct HotObject {
  static void* operator new(std::size_t size) { return hot_memory::allocate(size, __STDCPP_DEFAULT_NEW_ALIGNMENT__); }
  static void* operator new(std::size_t size, std::align_val_t alignment) {
    return hot_memory::allocate(size, static_cast<size_t>(alignment));
  }
  static void operator delete(void* block, std::size_t size) noexcept {
    hot_memory::release(block, size, __STDCPP_DEFAULT_NEW_ALIGNMENT__);
  }
  static void operator delete(void* block, std::size_t size, std::align_val_t alignment) noexcept {
    hot_memory::release(block, size, static_cast<size_t>(alignment));
  }
};

}  // namespace rr::table
