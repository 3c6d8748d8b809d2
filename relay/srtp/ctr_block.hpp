// AES-CM's counter block IV + i (RFC 3711 4.1.1), for both of AesCm's engines (aes.cpp's
// OpenSSL ECB path and aes_ni.cpp). The 128-bit big-endian IV arrives as two host-order
// halves, so adding a block number carries from the low half as OpenSSL's CTR mode does;
// whole-word byte swaps, since building the blocks byte by byte cost more than encrypting them.
#pragma once

#include <array>
#include <cstdint>

namespace rr::srtp {

// The block's two 64-bit words in memory order: stored as they are, they are its 16 bytes.
inline std::array<uint64_t, 2> ctr_block(uint64_t iv_high, uint64_t iv_low, uint64_t i) noexcept {
  const uint64_t low = iv_low + i;
  const uint64_t high = iv_high + (low < iv_low ? 1 : 0);
  return {__builtin_bswap64(high), __builtin_bswap64(low)};
}

}  // namespace rr::srtp
