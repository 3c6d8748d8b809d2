#include "control/ng/reply_cache.hpp"

#include <cstring>

namespace rr::ng {
namespace {

// A typical entry (an offer's reply with its bookkeeping), to size the buckets.
constexpr size_t kTypicalEntryBytes = 640;
// Replies up to this size come from the pool's size classes; larger ones (a rare big SDP)
// from malloc.
constexpr size_t kLargestPooledReply = 8192;

}  // namespace

ReplyCache::ReplyCache(Options options)
    : options_(options), pool_(std::pmr::pool_options{0, kLargestPooledReply}) {
  // Buckets for a full cache up front: growing means a rehash of every entry inside one
  // request, a round-trip spike under load. 8 bytes per bucket: 3 MiB for the default bound.
  replies_.reserve(options_.max_bytes / kTypicalEntryBytes);
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

const ReplyCache::Text* ReplyCache::find(const Endpoint& peer, std::string_view cookie,
                                    Clock::time_point now) {
  expire(now);
  auto it = replies_.find(KeyView{peer, cookie});
  return it == replies_.end() ? nullptr : &it->second.reply;
}

const ReplyCache::Text& ReplyCache::insert(const Endpoint& peer, std::string_view cookie,
                                           std::string_view reply, Clock::time_point now) {
  expire(now);
  // Strings are built on the pool explicitly: a pmr string copied without an allocator
  // would fall back to the default (malloc) resource.
  auto [it, added] = replies_.try_emplace(Key{peer, Text(cookie, &pool_)},  // or replaces
                                          Entry{Text(&pool_), 0});
  Entry& entry = it->second;
  if (!added) bytes_ -= cost(entry);
  entry.reply.assign(reply);
  entry.serial = next_serial_;
  bytes_ += cost(entry);
  order_.push_back(Age{Key{peer, Text(cookie, &pool_)}, now, next_serial_++});
  // The newest entry stays even alone over the bound (order_.back() owns it): its reply is
  // being sent right now.
  while (bytes_ > options_.max_bytes && order_.size() > 1) {
    const bool live = now - order_.front().stored < options_.ttl;
    if (drop_oldest() && live) ++evicted_early_;
  }
  return entry.reply;
}

void ReplyCache::expire(Clock::time_point now) {
  while (!order_.empty() && now - order_.front().stored >= options_.ttl) drop_oldest();
}

bool ReplyCache::drop_oldest() {
  const Age& oldest = order_.front();
  auto it = replies_.find(oldest.key);
  // A key inserted again later has a newer order_ element, which owns it.
  const bool owned = it != replies_.end() && it->second.serial == oldest.serial;
  if (owned) {
    bytes_ -= cost(it->second);
    replies_.erase(it);
  }
  order_.pop_front();
  return owned;
}

}  // namespace rr::ng
