// Remembers the reply sent for each (peer, cookie) so that a retransmitted request — Kamailio
// resends the same cookie up to 5 times, 1 s apart — gets the identical reply without running
// the command twice (a second offer would allocate other ports). Entries live `ttl` (60 s, as
// the ng protocol promises), oldest first out. Memory is bounded by `max_bytes`: past it the
// oldest go early, and evicted_early() counts them, since each one breaks the 60 s promise.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory_resource>
#include <string>
#include <string_view>
#include <unordered_map>

#include "relay/packet/address.hpp"

namespace rr::ng {

class ReplyCache {
 public:
  using Clock = std::chrono::steady_clock;
  using Text = std::pmr::string;

  struct Options {
    std::chrono::seconds ttl{60};
    // 256 MiB holds 60 s of replies up to ~7 000 requests/s (offer+answer+delete replies
    // average ~0.6 KiB with the entry's bookkeeping); rtpengine's cookie cache is unbounded.
    size_t max_bytes = size_t{256} << 20;
  };

  explicit ReplyCache(Options options);

  // The cached reply, or nullptr. The pointer is valid until the next insert().
  const Text* find(const Endpoint& peer, std::string_view cookie, Clock::time_point now);
  // Keeps a copy of `reply` and returns it, valid as find()'s.
  const Text& insert(const Endpoint& peer, std::string_view cookie, std::string_view reply,
                     Clock::time_point now);
  size_t size() const { return replies_.size(); }
  size_t bytes() const { return bytes_; }
  // Entries dropped younger than ttl because of max_bytes.
  uint64_t evicted_early() const { return evicted_early_; }
  size_t max_bytes() const { return options_.max_bytes; }

  // What one entry costs besides its reply's characters: the map node with its key, the age
  // queue's copy of the key, a bucket and the pool's rounding (measured on glibc x86-64).
  static constexpr size_t kEntryOverhead = 224;

 private:
  // Every request looks the cache up, so the key is the peer as bytes plus the cookie,
  // looked up without building a key (transparent hash), instead of a "peer cookie" text
  // formatted with snprintf twice per request (bench/control/README.md).
  struct Key {
    Endpoint peer;
    Text cookie;
  };
  struct KeyView {
    const Endpoint& peer;
    std::string_view cookie;
  };
  struct KeyHash {
    using is_transparent = void;
    size_t operator()(const KeyView& k) const noexcept;
    size_t operator()(const Key& k) const noexcept { return (*this)(KeyView{k.peer, k.cookie}); }
  };
  struct KeyEqual {
    using is_transparent = void;
    static KeyView view(const Key& k) { return {k.peer, k.cookie}; }
    static KeyView view(const KeyView& k) { return k; }
    template <class A, class B>
    bool operator()(const A& a, const B& b) const noexcept {
      return view(a).peer == view(b).peer && view(a).cookie == view(b).cookie;
    }
  };
  struct Entry {
    Text reply;
    uint64_t serial = 0;  // which order_ element owns it: a key inserted again has two
  };
  struct Age {
    Key key;
    Clock::time_point stored;
    uint64_t serial;
  };
  static size_t cost(const Entry& entry) { return entry.reply.capacity() + kEntryOverhead; }
  void expire(Clock::time_point now);
  bool drop_oldest();  // true when it removed a reply (not a stale order_ element)

  Options options_;
  // Every entry lives in this pool, not in malloc's heap: a heap holding a minute of replies,
  // freed oldest first, fragmented glibc's bins so that every other allocation of the
  // control thread slowed down (_int_malloc 18 % of the thread with the cache full).
  std::pmr::unsynchronized_pool_resource pool_;
  std::pmr::unordered_map<Key, Entry, KeyHash, KeyEqual> replies_{&pool_};
  // Keys in insertion order, which is also age order since the clock is monotonic.
  std::pmr::deque<Age> order_{&pool_};
  uint64_t next_serial_ = 1;
  size_t bytes_ = 0;
  uint64_t evicted_early_ = 0;
};

}  // namespace rr::ng
