#include "control/ng/reply_cache.hpp"

#include <cstring>

namespace rr::ng {

ReplyCache::ReplyCache(Options options) : options_(options) {
  // Buckets for the steady state up front: growing means a rehash of every entry inside
  // one request, a round-trip spike under load.
  replies_.reserve(options_.max_entries);
}

size_t ReplyCache::KeyHash::operator()(const KeyView& k) const noexcept {
  uint64_t head = 0, tail = 0;
  std::memcpy(&head, k.peer.address.bytes.data(), 8);
  std::memcpy(&tail, k.peer.address.bytes.data() + 8, 8);
  // Odd multipliers spread the address words; the cookie's hash does the rest.
  const uint64_t peer = head * 0x9E3779B97F4A7C15ull ^ tail * 0xC2B2AE3D27D4EB4Full ^
                        (uint64_t{k.peer.port} << 8 | static_cast<uint8_t>(k.peer.address.family));
  return std::hash<std::string_view>{}(k.cookie) ^ (peer + 0x165667B19E3779F9ull);
}

const std::string* ReplyCache::find(const Endpoint& peer, std::string_view cookie,
                                    Clock::time_point now) {
  expire(now);
  auto it = replies_.find(KeyView{peer, cookie});
  return it == replies_.end() ? nullptr : &it->second.reply;
}

void ReplyCache::insert(const Endpoint& peer, std::string_view cookie, std::string reply,
                        Clock::time_point now) {
  expire(now);
  Key key{peer, std::string(cookie)};
  replies_[key] = Entry{std::move(reply), now};  // one look-up: inserts or replaces
  order_.emplace_back(std::move(key), now);
  while (order_.size() > options_.max_entries) drop_oldest();
}

void ReplyCache::expire(Clock::time_point now) {
  while (!order_.empty() && now - order_.front().second >= options_.ttl) drop_oldest();
}

void ReplyCache::drop_oldest() {
  const auto& [oldest, stored] = order_.front();
  auto it = replies_.find(oldest);
  // A key inserted again later has a newer order_ entry, which owns it.
  if (it != replies_.end() && it->second.stored == stored) replies_.erase(it);
  order_.pop_front();
}

}  // namespace rr::ng
