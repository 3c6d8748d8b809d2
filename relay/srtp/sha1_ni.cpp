#include "relay/srtp/sha1_ni.hpp"

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

namespace rr::srtp {

#if defined(__x86_64__)

// CPUID itself, not __builtin_cpu_supports: clang 14 (the fuzz build) does not know "sha".
bool sha_ni_available() noexcept {
  static const bool available = [] {
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return false;
    const bool ssse3 = (ecx & bit_SSSE3) != 0, sse41 = (ecx & bit_SSE4_1) != 0;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return false;
    return ssse3 && sse41 && (ebx & bit_SHA) != 0;
  }();
  return available;
}

namespace {

// One block into (abcd, e): abcd holds h0..h3 with h0 in the top lane, e holds h4 in the top
// lane (the layout sha1rnds4 and sha1nexte work in).
[[gnu::target("sha,sse4.1"), gnu::always_inline]] inline void compress_block(
    __m128i& abcd_io, __m128i& e_io, const uint8_t* block) noexcept {
  const __m128i big_endian = _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
  // w[i]: the schedule words of the current group of four rounds and the three after it.
  __m128i w[4];
  for (int i = 0; i < 4; ++i)
    w[i] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * i)),
                            big_endian);
  const __m128i abcd_in = abcd_io, e_in = e_io;
  __m128i abcd = abcd_in;
  __m128i e = _mm_add_epi32(e_in, w[0]);
  // 20 groups of 4 rounds; group g uses f = g / 5 and the words w[g % 4].
#pragma GCC unroll 20
  for (int g = 0; g < 20; ++g) {
    if (g >= 3 && g < 19) {  // the words of group g + 1 from those of groups g - 3 .. g
      const int n = (g + 1) & 3;
      w[n] = _mm_sha1msg2_epu32(
          _mm_xor_si128(_mm_sha1msg1_epu32(w[n], w[(n + 1) & 3]), w[(n + 2) & 3]), w[(n + 3) & 3]);
    }
    const __m128i before = abcd;
    switch (g / 5) {  // the immediate must be a constant
      case 0:
        abcd = _mm_sha1rnds4_epu32(abcd, e, 0);
        break;
      case 1:
        abcd = _mm_sha1rnds4_epu32(abcd, e, 1);
        break;
      case 2:
        abcd = _mm_sha1rnds4_epu32(abcd, e, 2);
        break;
      default:
        abcd = _mm_sha1rnds4_epu32(abcd, e, 3);
        break;
    }
    // The next group's E (rotated A of this group's input) plus its words; after the last
    // group, plus the block's input E (the feed-forward).
    e = _mm_sha1nexte_epu32(before, g < 19 ? w[(g + 1) & 3] : e_in);
  }
  abcd_io = _mm_add_epi32(abcd, abcd_in);
  e_io = e;
}

// N messages, block i of each before block i + 1 of any: the lanes' chains are independent,
// so the core overlaps them. The states stay in registers across the blocks.
template <size_t N>
[[gnu::target("sha,sse4.1")]] void compress(const std::array<Sha1State*, N>& states,
                                            const std::array<const uint8_t* const*, N>& blocks,
                                            size_t count) noexcept {
  __m128i abcd[N], e[N];
  for (size_t l = 0; l < N; ++l) {
    const Sha1State& h = *states[l];
    abcd[l] = _mm_set_epi32(static_cast<int>(h[0]), static_cast<int>(h[1]), static_cast<int>(h[2]),
                            static_cast<int>(h[3]));
    e[l] = _mm_set_epi32(static_cast<int>(h[4]), 0, 0, 0);
  }
  for (size_t i = 0; i < count; ++i)
    for (size_t l = 0; l < N; ++l) compress_block(abcd[l], e[l], blocks[l][i]);
  for (size_t l = 0; l < N; ++l) {
    Sha1State& h = *states[l];
    h[0] = static_cast<uint32_t>(_mm_extract_epi32(abcd[l], 3));
    h[1] = static_cast<uint32_t>(_mm_extract_epi32(abcd[l], 2));
    h[2] = static_cast<uint32_t>(_mm_extract_epi32(abcd[l], 1));
    h[3] = static_cast<uint32_t>(_mm_extract_epi32(abcd[l], 0));
    h[4] = static_cast<uint32_t>(_mm_extract_epi32(e[l], 3));
  }
}

}  // namespace

void sha1_ni_compress_lanes(std::span<Sha1State* const> states,
                            std::span<const uint8_t* const* const> blocks, size_t count) noexcept {
  static_assert(kSha1Lanes == 3);
  switch (states.size()) {
    case 1:
      return compress<1>({states[0]}, {blocks[0]}, count);
    case 2:
      return compress<2>({states[0], states[1]}, {blocks[0], blocks[1]}, count);
    case 3:
      return compress<3>({states[0], states[1], states[2]}, {blocks[0], blocks[1], blocks[2]},
                         count);
    default:
      return;
  }
}

#else  // not x86: HMAC stays on OpenSSL

bool sha_ni_available() noexcept { return false; }
void sha1_ni_compress_lanes(std::span<Sha1State* const>, std::span<const uint8_t* const* const>,
                            size_t) noexcept {}

#endif

}  // namespace rr::srtp
