// AES in the two modes SRTP uses, keyed once per session: AES-CM on AES-NI (or, without it,
// an OpenSSL ECB context), GCM on OpenSSL re-IV'd per packet: EVP_*Init_ex with only an IV
// reuses the context, so a packet costs no allocation.
#pragma once

#include <openssl/evp.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "relay/srtp/aes_ni.hpp"

namespace rr::srtp {

struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* ctx) const noexcept { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;

inline constexpr size_t kCmIvLen = 16;   // AES-CM: salt, SSRC and index in a 128-bit counter
inline constexpr size_t kGcmIvLen = 12;  // RFC 7714 8.1 / 9.1
inline constexpr size_t kGcmTagLen = 16;

// AES-CM (RFC 3711 4.1.1): the keystream is AES of the 128-bit big-endian counter IV + i for
// block i. With AES-NI (aes_ni.hpp) the round keys are kept inline, where the worker's
// prefetch of the session reaches them. Without it, the counter blocks are built here and
// encrypted by an OpenSSL ECB context that is keyed once and never re-IV'd: OpenSSL 3's CTR
// mode would need EVP_EncryptInit_ex per packet, whose parameter handling (string compares,
// OSSL_PARAM lookups) cost more than the AES itself.
class AesCm {
 public:
  // Key of 16 or 32 bytes; false if refused. `aes_ni`: false keeps to OpenSSL (for tests).
  bool init(std::span<const uint8_t> key, bool aes_ni = true);
  // XORs the keystream starting at the 16-byte `iv` into `data`, in place.
  bool apply(const uint8_t* iv, std::span<uint8_t> data) const noexcept;
  // The same with the IV as two host-order words, bytes 0-7 and 8-15: a caller that builds
  // the IV from numbers (SSRC, index) need not lay it out in bytes first.
  bool apply(uint64_t iv_high, uint64_t iv_low, std::span<uint8_t> data) const noexcept;
  // OpenSSL's context, for a caller that prefetches it; nullptr with AES-NI, whose round
  // keys are inside this object.
  const void* context() const noexcept { return ni_.ready() ? nullptr : ctx_.get(); }
  bool uses_aes_ni() const noexcept { return ni_.ready(); }

 private:
  AesNiKey ni_;
  CipherCtx ctx_;  // without AES-NI only
};

// AEAD_AES_128/256_GCM (RFC 7714) with a 16-byte tag. One context per direction, so that a
// packet never switches a context between encrypting and decrypting.
// The associated data is given in up to two parts (SRTCP's header and trailer are apart).
class AesGcm {
 public:
  bool init(std::span<const uint8_t> key);
  // Encrypts `data` in place and writes the tag at `tag`.
  bool seal(const uint8_t* iv, std::span<const uint8_t> aad1, std::span<const uint8_t> aad2,
            std::span<uint8_t> data, uint8_t* tag) const noexcept;
  // Decrypts `data` in place; false if the tag does not verify (data is then garbage).
  bool open(const uint8_t* iv, std::span<const uint8_t> aad1, std::span<const uint8_t> aad2,
            std::span<uint8_t> data, const uint8_t* tag) const noexcept;
  const void* context(bool sealing) const noexcept { return sealing ? seal_.get() : open_.get(); }

 private:
  CipherCtx seal_, open_;
};

}  // namespace rr::srtp
