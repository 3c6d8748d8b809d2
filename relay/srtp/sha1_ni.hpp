// SHA-1's compression function with x86's SHA extensions (SHA-NI), for HMAC-SHA1 only, one
// message or up to three at once. A SHA-1 block is 20 dependent sha1rnds4 steps, so one
// message is latency-bound: ~34-40 ns a block here, OpenSSL's SHA-NI code included (`openssl
// speed sha1`), which made SHA-1 two thirds of an AES-CM protect. Independent messages
// interleaved block by block fill that latency: ~24 ns a block each for two, ~18 for three,
// and no better for four (a test program over compress<N>, session 10). Tested against
// OpenSSL's SHA-1 through HMAC (tests/unit/srtp/hmac_sha1_test.cpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace rr::srtp {

// Whether this CPU has the SHA extensions (checked once). Without them HMAC uses OpenSSL.
bool sha_ni_available() noexcept;

// SHA-1's chaining value h0..h4 (FIPS 180-4 6.1), host order.
using Sha1State = std::array<uint32_t, 5>;
inline constexpr size_t kSha1Block = 64;

// Up to kSha1Lanes messages of `count` 64-byte blocks each, interleaved: states[i] takes the
// blocks blocks[i][0 .. count), in order. 1 <= states.size() == blocks.size() <= kSha1Lanes.
// Requires sha_ni_available().
inline constexpr size_t kSha1Lanes = 3;
void sha1_ni_compress_lanes(std::span<Sha1State* const> states,
                            std::span<const uint8_t* const* const> blocks, size_t count) noexcept;

}  // namespace rr::srtp
