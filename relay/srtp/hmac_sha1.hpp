// HMAC-SHA1 (RFC 2104) for SRTP authentication from the SHA-1 chaining values of the key's
// inner and outer pads, computed once per session: a packet resumes SHA-1 from them and
// hashes only its own bytes. Only these 2 x 20 bytes are kept, not two 96-byte SHA_CTX: they
// are among the bytes the worker prefetches per converting packet (SrtpSession's
// rtp_hot_bytes, 12 -> 10 lines). OpenSSL 3's EVP_MAC re-keys by duplicating provider
// contexts, which allocates per packet; the low-level SHA1_* calls do not.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace rr::srtp {

inline constexpr size_t kSha1Len = 20;

class HmacSha1 {
 public:
  HmacSha1() = default;
  HmacSha1(const HmacSha1&) = default;
  HmacSha1& operator=(const HmacSha1&) = default;
  ~HmacSha1();  // wipes the chaining values: they stand for the key

  // Any key length (SRTP derives 20-byte keys); longer than 64 bytes is hashed first.
  void init(std::span<const uint8_t> key) noexcept;
  // HMAC over first || second into `out` (the full 20 bytes; SRTP truncates).
  void compute(std::span<const uint8_t> first, std::span<const uint8_t> second, uint8_t* out) const noexcept;

 private:
  // SHA-1's h0..h4 (FIPS 180-4) after the one 64-byte ipad / opad block.
  using ChainingValue = std::array<uint32_t, 5>;
  ChainingValue inner_{}, outer_{};
};

}  // namespace rr::srtp
