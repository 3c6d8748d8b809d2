#include "relay/srtp/aes_ni.hpp"

#include <openssl/crypto.h>

#include <cstring>

#include "relay/srtp/ctr_block.hpp"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace rr::srtp {

AesNiKey::~AesNiKey() { OPENSSL_cleanse(round_keys_.data(), round_keys_.size()); }

#if defined(__x86_64__)

bool aes_ni_available() noexcept {
  static const bool available = [] {
    __builtin_cpu_init();  // in case the first session is made before main (static objects)
    return __builtin_cpu_supports("aes") != 0;
  }();
  return available;
}

namespace {

// One step of the key schedule: `assist` (aeskeygenassist's result, its word broadcast)
// XORed into the running XOR of the previous round key's words.
[[gnu::target("aes")]] __m128i schedule_step(__m128i key, __m128i assist) noexcept {
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  return _mm_xor_si128(key, assist);
}

// RotWord(SubWord(last word)) ^ Rcon, broadcast: the rule for every 4th word (AES-128, and
// AES-256's even round keys).
template <int Rcon>
[[gnu::target("aes")]] __m128i rot_sub(__m128i previous) noexcept {
  return _mm_shuffle_epi32(_mm_aeskeygenassist_si128(previous, Rcon), 0xff);
}
// SubWord(last word), broadcast: AES-256's odd round keys.
[[gnu::target("aes")]] __m128i sub_only(__m128i previous) noexcept {
  return _mm_shuffle_epi32(_mm_aeskeygenassist_si128(previous, 0), 0xaa);
}

[[gnu::target("aes")]] void expand_128(const uint8_t* key, __m128i* rk) noexcept {
  rk[0] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(key));
  rk[1] = schedule_step(rk[0], rot_sub<0x01>(rk[0]));
  rk[2] = schedule_step(rk[1], rot_sub<0x02>(rk[1]));
  rk[3] = schedule_step(rk[2], rot_sub<0x04>(rk[2]));
  rk[4] = schedule_step(rk[3], rot_sub<0x08>(rk[3]));
  rk[5] = schedule_step(rk[4], rot_sub<0x10>(rk[4]));
  rk[6] = schedule_step(rk[5], rot_sub<0x20>(rk[5]));
  rk[7] = schedule_step(rk[6], rot_sub<0x40>(rk[6]));
  rk[8] = schedule_step(rk[7], rot_sub<0x80>(rk[7]));
  rk[9] = schedule_step(rk[8], rot_sub<0x1b>(rk[8]));
  rk[10] = schedule_step(rk[9], rot_sub<0x36>(rk[9]));
}

[[gnu::target("aes")]] void expand_256(const uint8_t* key, __m128i* rk) noexcept {
  rk[0] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(key));
  rk[1] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(key + 16));
  rk[2] = schedule_step(rk[0], rot_sub<0x01>(rk[1]));
  rk[3] = schedule_step(rk[1], sub_only(rk[2]));
  rk[4] = schedule_step(rk[2], rot_sub<0x02>(rk[3]));
  rk[5] = schedule_step(rk[3], sub_only(rk[4]));
  rk[6] = schedule_step(rk[4], rot_sub<0x04>(rk[5]));
  rk[7] = schedule_step(rk[5], sub_only(rk[6]));
  rk[8] = schedule_step(rk[6], rot_sub<0x08>(rk[7]));
  rk[9] = schedule_step(rk[7], sub_only(rk[8]));
  rk[10] = schedule_step(rk[8], rot_sub<0x10>(rk[9]));
  rk[11] = schedule_step(rk[9], sub_only(rk[10]));
  rk[12] = schedule_step(rk[10], rot_sub<0x20>(rk[11]));
  rk[13] = schedule_step(rk[11], sub_only(rk[12]));
  rk[14] = schedule_step(rk[12], rot_sub<0x40>(rk[13]));
}

// ctr_block as a register: element 0 is the block's first 8 bytes.
[[gnu::target("aes")]] inline __m128i counter_block(uint64_t high, uint64_t low, uint64_t i) noexcept {
  const auto words = ctr_block(high, low, i);
  return _mm_set_epi64x(static_cast<long long>(words[1]), static_cast<long long>(words[0]));
}

// N counter blocks through every round together: AES-NI's latency hides behind N-way
// parallelism (N = 8 for runs of full blocks, 4 for the tail).
template <size_t N>
[[gnu::target("aes"), gnu::always_inline]] inline void keystream(const __m128i* rk, unsigned rounds,
                                                                 uint64_t high, uint64_t low,
                                                                 uint64_t first,
                                                                 __m128i (&out)[N]) noexcept {
  // Unrolled, so that the N blocks stay in registers (GCC otherwise kept them on the stack).
#pragma GCC unroll 8
  for (size_t b = 0; b < N; ++b) out[b] = _mm_xor_si128(counter_block(high, low, first + b), rk[0]);
  for (unsigned r = 1; r < rounds; ++r) {
    const __m128i key = _mm_load_si128(rk + r);
#pragma GCC unroll 8
    for (size_t b = 0; b < N; ++b) out[b] = _mm_aesenc_si128(out[b], key);
  }
#pragma GCC unroll 8
  for (size_t b = 0; b < N; ++b) out[b] = _mm_aesenclast_si128(out[b], rk[rounds]);
}

// XORs the first `len` bytes of the keystream blocks into `data`.
template <size_t N>
[[gnu::target("aes"), gnu::always_inline]] inline void xor_blocks(uint8_t* data,
                                                                  const __m128i (&ks)[N],
                                                                  size_t len) noexcept {
  size_t b = 0;
#pragma GCC unroll 8
  for (; (b + 1) * 16 <= len; ++b) {
    auto* at = reinterpret_cast<__m128i*>(data + b * 16);
    _mm_storeu_si128(at, _mm_xor_si128(_mm_loadu_si128(at), ks[b]));
  }
  if (const size_t rest = len - b * 16; rest > 0) {
    alignas(16) uint8_t last[16];
    _mm_store_si128(reinterpret_cast<__m128i*>(last), ks[b]);
    for (size_t i = 0; i < rest; ++i) data[b * 16 + i] ^= last[i];
  }
}

}  // namespace

bool AesNiKey::expand(std::span<const uint8_t> key) noexcept {
  if (!aes_ni_available() || (key.size() != 16 && key.size() != 32)) return false;
  alignas(16) __m128i rk[kMaxRounds + 1];
  if (key.size() == 16) {
    expand_128(key.data(), rk);
    rounds_ = 10;
  } else {
    expand_256(key.data(), rk);
    rounds_ = 14;
  }
  std::memcpy(round_keys_.data(), rk, (size_t{rounds_} + 1) * 16);
  OPENSSL_cleanse(rk, sizeof rk);
  return true;
}

[[gnu::target("aes")]] void AesNiKey::ctr_xor(uint64_t iv_high, uint64_t iv_low,
                                              std::span<uint8_t> data) const noexcept {
  const auto* rk = reinterpret_cast<const __m128i*>(round_keys_.data());
  uint8_t* at = data.data();
  size_t left = data.size();
  uint64_t block = 0;
  for (; left >= 8 * 16; at += 8 * 16, left -= 8 * 16, block += 8) {
    __m128i ks[8];
    keystream(rk, rounds_, iv_high, iv_low, block, ks);
    xor_blocks(at, ks, 8 * 16);
  }
  for (; left > 0; block += 4) {
    __m128i ks[4];
    keystream(rk, rounds_, iv_high, iv_low, block, ks);
    const size_t len = left < 4 * 16 ? left : 4 * 16;
    xor_blocks(at, ks, len);
    at += len, left -= len;
  }
}

#else  // not x86-64: AesCm stays on OpenSSL

bool aes_ni_available() noexcept { return false; }
bool AesNiKey::expand(std::span<const uint8_t>) noexcept { return false; }
void AesNiKey::ctr_xor(uint64_t, uint64_t, std::span<uint8_t>) const noexcept {}

#endif

}  // namespace rr::srtp
