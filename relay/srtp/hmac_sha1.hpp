// HMAC-SHA1 (RFC 2104) for SRTP authentication with the key's inner and outer SHA-1 states
// computed once per session: a packet copies two SHA_CTX structs (no allocation) and hashes
// only its own bytes. OpenSSL 3's EVP_MAC re-keys by duplicating provider contexts, which
// allocates per packet; the low-level SHA1_* calls do not.
#pragma once

#include <openssl/sha.h>

#include <cstddef>
#include <cstdint>
#include <span>

namespace rr::srtp {

inline constexpr size_t kSha1Len = 20;

class HmacSha1 {
 public:
  // Any key length (SRTP derives 20-byte keys); longer than 64 bytes is hashed first.
  void init(std::span<const uint8_t> key) noexcept;
  // HMAC over first || second into `out` (the full 20 bytes; SRTP truncates).
  void compute(std::span<const uint8_t> first, std::span<const uint8_t> second, uint8_t* out) const noexcept;

 private:
  SHA_CTX inner_{}, outer_{};
};

}  // namespace rr::srtp
