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

  explicit ReplyCache(Options options) : options_(options) {}

  // The cached reply, or nullptr. The pointer is valid until the next insert().
  const std::string* find(const Endpoint& peer, std::string_view cookie, Clock::time_point now);
  void insert(const Endpoint& peer, std::string_view cookie, std::string reply,
              Clock::time_point now);
  size_t size() const { return replies_.size(); }

 private:
  struct Entry {
    std::string reply;
    Clock::time_point stored;
  };
  static std::string key(const Endpoint& peer, std::string_view cookie);
  void expire(Clock::time_point now);
  void drop_oldest();

  Options options_;
  std::unordered_map<std::string, Entry> replies_;
  // Keys in insertion order, which is also age order since the clock is monotonic.
  std::deque<std::pair<std::string, Clock::time_point>> order_;
};

}  // namespace rr::ng
