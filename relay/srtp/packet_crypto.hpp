// The ciphers and authenticator of one packet kind (SRTP or SRTCP) of a session, with the IVs
// of RFC 3711 4.1.1 (AES-CM) and RFC 7714 8.1 / 9.1 (GCM). Both IVs put a 48-bit counter
// behind the SSRC: the RTP index (ROC << 16 | SEQ) or the SRTCP index.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "relay/srtp/aes.hpp"
#include "relay/srtp/hmac_sha1.hpp"
#include "relay/srtp/kdf.hpp"
#include "relay/srtp/suite.hpp"

namespace rr::srtp {

class PacketCrypto {
 public:
  bool init(const SuiteInfo& suite, const SessionKeys& keys);
  bool aead() const noexcept { return aead_; }

  // AES-CM: XORs the keystream for (ssrc, index) into `data`.
  bool crypt(uint32_t ssrc, uint64_t index, std::span<uint8_t> data) const noexcept;
  // HMAC-SHA1 over first || second, the full 20 bytes into `out`.
  void authenticate(std::span<const uint8_t> first, std::span<const uint8_t> second,
                    uint8_t* out) const noexcept {
    auth_.compute(first, second, out);
  }
  const HmacSha1& authenticator() const noexcept { return auth_; }
  // GCM: encrypts `data` in place and writes the 16-byte tag / decrypts and verifies it.
  bool seal(uint32_t ssrc, uint64_t index, std::span<const uint8_t> aad1, std::span<const uint8_t> aad2,
            std::span<uint8_t> data, uint8_t* tag) const noexcept;
  bool open(uint32_t ssrc, uint64_t index, std::span<const uint8_t> aad1, std::span<const uint8_t> aad2,
            std::span<uint8_t> data, const uint8_t* tag) const noexcept;
  // The OpenSSL cipher context a packet uses (GCM: the sealing or the opening one).
  const void* cipher_context(bool sealing) const noexcept { return aead_ ? gcm_.context(sealing) : cm_.context(); }

 private:
  std::array<uint8_t, kGcmIvLen> gcm_iv(uint32_t ssrc, uint64_t index) const noexcept;

  bool aead_ = false;
  AesCm cm_;
  AesGcm gcm_;
  HmacSha1 auth_;
  std::array<uint8_t, kMaxSaltLen> salt_{};
};

}  // namespace rr::srtp
