#include "control/ng/reply_cache.hpp"

namespace rr::ng {

std::string ReplyCache::key(const Endpoint& peer, std::string_view cookie) {
  // Cookies are printable ASCII without spaces, so the space keeps keys unambiguous.
  std::string k = peer.to_string();
  k += ' ';
  k += cookie;
  return k;
}

const std::string* ReplyCache::find(const Endpoint& peer, std::string_view cookie,
                                    Clock::time_point now) {
  expire(now);
  auto it = replies_.find(key(peer, cookie));
  return it == replies_.end() ? nullptr : &it->second.reply;
}

void ReplyCache::insert(const Endpoint& peer, std::string_view cookie, std::string reply,
                        Clock::time_point now) {
  expire(now);
  std::string k = key(peer, cookie);
  replies_[k] = Entry{std::move(reply), now};
  order_.emplace_back(std::move(k), now);
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
