// The SHA1_* functions are deprecated in OpenSSL 3 in favour of EVP, whose contexts cannot be
// copied without allocating (see hmac_sha1.hpp); they remain supported in 3.x.
#define OPENSSL_SUPPRESS_DEPRECATED

#include "relay/srtp/hmac_sha1.hpp"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "relay/packet/bytes.hpp"
#include "relay/srtp/sha1_ni.hpp"

namespace rr::srtp {
namespace {

constexpr size_t kMaxSecond = 32;      // SRTP's ROC or SRTCP's E+index: 4 bytes
constexpr size_t kMaxFullBlocks = 62;  // 3968 bytes of `first`, past any MTU

// The inner hash's message after the ipad block, first || second || padding, as a list of
// blocks: first's whole blocks in place, the rest (under 64 bytes of first, second, the
// 0x80 byte, zeros and the 64-bit bit length) in `tail`, one or two blocks.
struct Message {
  std::array<const uint8_t*, kMaxFullBlocks + 2> blocks;
  size_t count = 0;
  alignas(16) std::array<uint8_t, 2 * kSha1Block> tail;
};

bool fits(std::span<const uint8_t> first, std::span<const uint8_t> second) noexcept {
  return second.size() <= kMaxSecond && first.size() / kSha1Block <= kMaxFullBlocks;
}

// Pads the `used` bytes at `tail` to `tail_size`; `message_bytes` counts every byte hashed,
// the 64-byte key pad included, for the length field.
void pad_into(uint8_t* tail, size_t used, size_t tail_size, uint64_t message_bytes) noexcept {
  tail[used] = 0x80;
  std::memset(tail + used + 1, 0, tail_size - used - 1 - 8);
  packet::store_be64(tail + tail_size - 8, message_bytes * 8);
}

void build_inner(std::span<const uint8_t> first, std::span<const uint8_t> second,
                 Message& m) noexcept {
  const size_t full = first.size() / kSha1Block;
  for (size_t i = 0; i < full; ++i) m.blocks[i] = first.data() + i * kSha1Block;
  const size_t rest = first.size() - full * kSha1Block;
  // Not for an empty `first`, whose data() may be null.
  if (rest > 0) std::memcpy(m.tail.data(), first.data() + full * kSha1Block, rest);
  if (!second.empty()) std::memcpy(m.tail.data() + rest, second.data(), second.size());
  const size_t used = rest + second.size();
  const size_t tail_blocks = used + 1 + 8 <= kSha1Block ? 1 : 2;
  pad_into(m.tail.data(), used, tail_blocks * kSha1Block,
           kSha1Block + first.size() + second.size());
  for (size_t i = 0; i < tail_blocks; ++i) m.blocks[full + i] = m.tail.data() + i * kSha1Block;
  m.count = full + tail_blocks;
}

Sha1State chaining_value(const SHA_CTX& ctx) noexcept {
  return {ctx.h0, ctx.h1, ctx.h2, ctx.h3, ctx.h4};
}

// OpenSSL's SHA-1 where it stood after the one pad block. One 20-byte copy, not five field
// stores: OpenSSL's block function loads h0..h3 as one 16-byte word, which narrower stores
// cannot forward (bench_srtp: 24 ns per protect).
void resume(SHA_CTX& ctx, const Sha1State& h) noexcept {
  static_assert(offsetof(SHA_CTX, h4) == 16 && sizeof h == 20);
  std::memcpy(&ctx.h0, h.data(), sizeof h);
  ctx.Nl = kSha1Block * 8;
  ctx.Nh = 0;
  ctx.num = 0;
}

void write_digest(const Sha1State& h, uint8_t* out) noexcept {
  for (size_t i = 0; i < 5; ++i) packet::store_be32(out + 4 * i, h[i]);
}

// The outer hash's one block: the inner digest, then padding for 64 + 20 bytes.
void build_outer(const Sha1State& inner, uint8_t* block) noexcept {
  write_digest(inner, block);
  pad_into(block, kSha1Len, kSha1Block, kSha1Block + kSha1Len);
}

}  // namespace

HmacSha1::~HmacSha1() {
  OPENSSL_cleanse(inner_.data(), sizeof inner_);
  OPENSSL_cleanse(outer_.data(), sizeof outer_);
}

void HmacSha1::init(std::span<const uint8_t> key, bool sha_ni) noexcept {
  std::array<uint8_t, kSha1Block> pad{};
  if (key.size() > kSha1Block) {
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
  sha_ni_ = sha_ni && sha_ni_available();
}

void HmacSha1::compute(std::span<const uint8_t> first, std::span<const uint8_t> second,
                       uint8_t* out) const noexcept {
  // OpenSSL's SHA-1 even with SHA-NI: for one message its code beats one lane of ours
  // (bench_srtp: protect 197 against 203 ns, unprotect 205 against 209).
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

void HmacSha1::compute_group(std::span<const Job> jobs) noexcept {
  const size_t n = jobs.size();
  const bool together =
      n >= 2 && n <= kMaxGroup && std::all_of(jobs.begin(), jobs.end(), [](const Job& job) {
        return job.key->sha_ni_ && fits(job.first, job.second);
      });
  if (!together) {
    for (const Job& job : jobs) job.key->compute(job.first, job.second, job.out);
    return;
  }
  std::array<Message, kMaxGroup> messages;
  std::array<Sha1State, kMaxGroup> states;
  std::array<size_t, kMaxGroup> done{};  // blocks of each message compressed so far
  for (size_t i = 0; i < n; ++i) {
    build_inner(jobs[i].first, jobs[i].second, messages[i]);
    states[i] = jobs[i].key->inner_;
  }
  // The messages may differ in length: the blocks all of them still have go together, then
  // those of the longer ones, until every message is done.
  for (;;) {
    std::array<Sha1State*, kMaxGroup> lane_states;
    std::array<const uint8_t* const*, kMaxGroup> lane_blocks;
    size_t lanes = 0, step = SIZE_MAX;
    for (size_t i = 0; i < n; ++i) {
      const size_t left = messages[i].count - done[i];
      if (left == 0) continue;
      lane_states[lanes] = &states[i];
      lane_blocks[lanes++] = messages[i].blocks.data() + done[i];
      step = std::min(step, left);
    }
    if (lanes == 0) break;
    sha1_ni_compress_lanes(std::span(lane_states.data(), lanes),
                           std::span(lane_blocks.data(), lanes), step);
    for (size_t i = 0; i < n; ++i) done[i] += messages[i].count > done[i] ? step : 0;
  }
  // The outer hashes: one block each, all together.
  alignas(16) std::array<std::array<uint8_t, kSha1Block>, kMaxGroup> outer_blocks;
  std::array<const uint8_t*, kMaxGroup> outer_block;
  std::array<Sha1State, kMaxGroup> outer;
  std::array<Sha1State*, kMaxGroup> outer_states;
  std::array<const uint8_t* const*, kMaxGroup> outer_lists;
  for (size_t i = 0; i < n; ++i) {
    build_outer(states[i], outer_blocks[i].data());
    outer_block[i] = outer_blocks[i].data();
    outer[i] = jobs[i].key->outer_;
    outer_states[i] = &outer[i];
    outer_lists[i] = &outer_block[i];
  }
  sha1_ni_compress_lanes(std::span(outer_states.data(), n), std::span(outer_lists.data(), n), 1);
  for (size_t i = 0; i < n; ++i) write_digest(outer[i], jobs[i].out);
}

}  // namespace rr::srtp
