// The SHA1_* functions are deprecated in OpenSSL 3 in favour of EVP, whose contexts cannot be
// copied without allocating (see hmac_sha1.hpp); they remain supported in 3.x.
#define OPENSSL_SUPPRESS_DEPRECATED

#include "relay/srtp/hmac_sha1.hpp"

#include <openssl/crypto.h>

#include <array>

namespace rr::srtp {

void HmacSha1::init(std::span<const uint8_t> key) noexcept {
  constexpr size_t kBlock = 64;
  std::array<uint8_t, kBlock> pad{};
  if (key.size() > kBlock) {
    SHA1(key.data(), key.size(), pad.data());
  } else {
    std::copy(key.begin(), key.end(), pad.begin());
  }
  for (uint8_t& b : pad) b ^= 0x36;
  SHA1_Init(&inner_);
  SHA1_Update(&inner_, pad.data(), pad.size());
  for (uint8_t& b : pad) b ^= 0x36 ^ 0x5c;
  SHA1_Init(&outer_);
  SHA1_Update(&outer_, pad.data(), pad.size());
  OPENSSL_cleanse(pad.data(), pad.size());
}

void HmacSha1::compute(std::span<const uint8_t> first, std::span<const uint8_t> second,
                       uint8_t* out) const noexcept {
  SHA_CTX ctx = inner_;
  SHA1_Update(&ctx, first.data(), first.size());
  SHA1_Update(&ctx, second.data(), second.size());
  uint8_t inner_digest[kSha1Len];
  SHA1_Final(inner_digest, &ctx);
  ctx = outer_;
  SHA1_Update(&ctx, inner_digest, sizeof inner_digest);
  SHA1_Final(out, &ctx);
}

}  // namespace rr::srtp
