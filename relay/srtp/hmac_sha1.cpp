// The SHA1_* functions are deprecated in OpenSSL 3 in favour of EVP, whose contexts cannot be
// copied without allocating (see hmac_sha1.hpp); they remain supported in 3.x.
#define OPENSSL_SUPPRESS_DEPRECATED

#include "relay/srtp/hmac_sha1.hpp"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cstddef>
#include <cstring>

namespace rr::srtp {
namespace {

constexpr size_t kBlock = 64;

// SHA_CTX is a public struct: read its chaining value after whole blocks (init), set it
// again per packet (resume).
std::array<uint32_t, 5> chaining_value(const SHA_CTX& ctx) noexcept { return {ctx.h0, ctx.h1, ctx.h2, ctx.h3, ctx.h4}; }

// SHA-1 where it stood after the one pad block: h, 512 bits hashed, nothing buffered. One
// 20-byte copy, not five field stores or a zeroed struct: OpenSSL's block function loads
// h0..h3 as one 16-byte word, which narrower stores could not forward (bench_srtp: those
// cost 24 ns per protect).
void resume(SHA_CTX& ctx, const std::array<uint32_t, 5>& h) noexcept {
  static_assert(offsetof(SHA_CTX, h4) == 16 && sizeof h == 20);
  std::memcpy(&ctx.h0, h.data(), sizeof h);
  ctx.Nl = kBlock * 8;
  ctx.Nh = 0;
  ctx.num = 0;
}

}  // namespace

HmacSha1::~HmacSha1() {
  OPENSSL_cleanse(inner_.data(), sizeof inner_);
  OPENSSL_cleanse(outer_.data(), sizeof outer_);
}

void HmacSha1::init(std::span<const uint8_t> key) noexcept {
  std::array<uint8_t, kBlock> pad{};
  if (key.size() > kBlock) {
    SHA1(key.data(), key.size(), pad.data());
  } else {
    std::copy(key.begin(), key.end(), pad.begin());
  }
  SHA_CTX ctx;
  for (uint8_t& b : pad) b ^= 0x36;
  SHA1_Init(&ctx);
  SHA1_Update(&ctx, pad.data(), pad.size());
  inner_ = chaining_value(ctx);
  for (uint8_t& b : pad) b ^= 0x36 ^ 0x5c;
  SHA1_Init(&ctx);
  SHA1_Update(&ctx, pad.data(), pad.size());
  outer_ = chaining_value(ctx);
  OPENSSL_cleanse(pad.data(), pad.size());
  OPENSSL_cleanse(&ctx, sizeof ctx);
}

void HmacSha1::compute(std::span<const uint8_t> first, std::span<const uint8_t> second,
                       uint8_t* out) const noexcept {
  SHA_CTX ctx;
  resume(ctx, inner_);
  SHA1_Update(&ctx, first.data(), first.size());
  SHA1_Update(&ctx, second.data(), second.size());
  uint8_t inner_digest[kSha1Len];
  SHA1_Final(inner_digest, &ctx);
  resume(ctx, outer_);
  SHA1_Update(&ctx, inner_digest, sizeof inner_digest);
  SHA1_Final(out, &ctx);
}

}  // namespace rr::srtp
