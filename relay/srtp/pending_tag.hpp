// An SRTP packet's HMAC-SHA1 tag that protect() left for its caller to compute: a caller
// with several packets (the worker's burst) computes them up to three at a time, their SHA-1
// chains interleaved (HmacSha1::compute_group), instead of one after the other. SHA-1 was two
// thirds of an AES-CM protect, and one chain leaves most of the core idle (sha1_ni.hpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "relay/srtp/hmac_sha1.hpp"

namespace rr::srtp {

// Not initialised by default, so that a caller may keep an array of these per burst without
// writing it for packets that never reach protect(): protect() writes `key` first, and the
// rest with it. Value-initialise one that protect() may not see (`PendingTag tag{};`).
struct PendingTag {
  const HmacSha1* key;           // null: nothing pending
  const uint8_t* authenticated;  // RFC 3711 4.2: the packet's header and payload...
  size_t authenticated_len;
  std::array<uint8_t, 4> roc;  // ... then the ROC
  uint8_t* tag;                // where the truncated tag goes; zero until complete()
  size_t tag_len;

  bool pending() const noexcept { return key != nullptr; }
};

// Write the tags and clear them: one, or any number HmacSha1::kMaxGroup at a time. The
// packets must be where protect() left them.
void complete(PendingTag& tag) noexcept;
void complete(std::span<PendingTag* const> tags) noexcept;

}  // namespace rr::srtp
