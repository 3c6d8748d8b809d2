#include "relay/table/latched_endpoint.hpp"

#include <cstring>

namespace rr::table {

LatchedEndpoint::Words LatchedEndpoint::pack(const Endpoint& endpoint) noexcept {
  Words words{};
  std::memcpy(&words[0], endpoint.address.bytes.data(), 16);
  words[2] = static_cast<uint64_t>(endpoint.address.family) | (uint64_t{endpoint.port} << 8);
  return words;
}

Endpoint LatchedEndpoint::unpack(const Words& words) noexcept {
  Endpoint endpoint;
  std::memcpy(endpoint.address.bytes.data(), &words[0], 16);
  endpoint.address.family = static_cast<Family>(words[2] & 0xff);
  endpoint.port = static_cast<uint16_t>(words[2] >> 8);
  return endpoint;
}

void LatchedEndpoint::store(const Endpoint& endpoint) noexcept {
  const Words words = pack(endpoint);
  const uint32_t seq = seq_.load(std::memory_order_relaxed);
  seq_.store(seq + 1, std::memory_order_relaxed);
  // Orders the odd sequence before the payload stores (a release fence alone would not).
  std::atomic_thread_fence(std::memory_order_release);
  for (size_t i = 0; i < words.size(); ++i) words_[i].store(words[i], std::memory_order_relaxed);
  seq_.store(seq + 2, std::memory_order_release);
}

Endpoint LatchedEndpoint::load() const noexcept {
  Words words{};
  for (;;) {
    const uint32_t before = seq_.load(std::memory_order_acquire);
    if (before & 1U) continue;  // writer mid-store: it finishes within a few instructions
    for (size_t i = 0; i < words.size(); ++i) words[i] = words_[i].load(std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_acquire);
    if (seq_.load(std::memory_order_relaxed) == before) return unpack(words);
  }
}

}  // namespace rr::table
