// Remembers the reply sent for each (peer, cookie) so that a retransmitted request — Kamailio
// resends the same cookie up to 5 times, 1 s apart — gets the identical reply without running
// the command twice (a second offer would allocate other ports). Memory is bounded: entries
// live `ttl`, and past `max_entries` the oldest go first.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

#include "relay/packet/address.hpp"

namespace rr::ng {

class ReplyCache {
 public:
  using Clock = std::chrono::steady_clock;

  struct Options {
    std::chrono::seconds ttl{60};
    size_t max_entries = 10000;  // ~20 MB with offer-sized replies
  };

  explicit ReplyCache(Options options);

  // The cached reply, or nullptr. The pointer is valid until the next insert().
  const std::string* find(const Endpoint& peer, std::string_view cookie, Clock::time_point now);
  void insert(const Endpoint& peer, std::string_view cookie, std::string reply,
              Clock::time_point now);
  size_t size() const { return replies_.size(); }

 private:
  // Every request looks the cache up, so the key is the peer as bytes plus the cookie
  // (short: no allocation), looked up without building a key (transparent hash), instead of
  // a "peer cookie" text formatted with snprintf twice per request (bench/control/README.md).
  struct Key {
    Endpoint peer;
    std::string cookie;
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
    std::string reply;
    Clock::time_point stored;
  };
  void expire(Clock::time_point now);
  void drop_oldest();

  Options options_;
  std::unordered_map<Key, Entry, KeyHash, KeyEqual> replies_;
  // Keys in insertion order, which is also age order since the clock is monotonic.
  std::deque<std::pair<Key, Clock::time_point>> order_;
};

}  // namespace rr::ng
