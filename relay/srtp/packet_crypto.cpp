#include "relay/srtp/packet_crypto.hpp"

#include "relay/packet/bytes.hpp"

namespace rr::srtp {
namespace {

// XORs the SSRC (4 bytes at ssrc_at) and the 48-bit index (6 bytes at index_at) into an IV.
void mix(uint8_t* iv, size_t ssrc_at, uint32_t ssrc, size_t index_at, uint64_t index) noexcept {
  uint8_t field[4];
  packet::store_be32(field, ssrc);
  for (size_t i = 0; i < 4; ++i) iv[ssrc_at + i] ^= field[i];
  for (size_t i = 0; i < 6; ++i) iv[index_at + i] ^= static_cast<uint8_t>(index >> (8 * (5 - i)));
}

}  // namespace

bool PacketCrypto::init(const SuiteInfo& suite, const SessionKeys& keys) {
  aead_ = suite.aead;
  salt_ = keys.salt;
  const auto key = std::span(keys.encryption).first(suite.key_len);
  if (aead_) return gcm_.init(key);
  auth_.init(keys.auth);
  return cm_.init(key);
}

// RFC 3711 4.1.1: IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16), as two 64-bit words:
// the 14-byte salt fills bytes 0-13, the SSRC bytes 4-7 and the 48-bit index bytes 8-13.
bool PacketCrypto::crypt(uint32_t ssrc, uint64_t index, std::span<uint8_t> data) const noexcept {
  static_assert(kMaxSaltLen == 14);
  const uint64_t salt_low = uint64_t{packet::load_be32(&salt_[8])} << 32 | uint64_t{packet::load_be16(&salt_[12])} << 16;
  return cm_.apply(packet::load_be64(salt_.data()) ^ ssrc, salt_low ^ (index << 16), data);
}

// RFC 7714 8.1: 00 00 || SSRC || ROC || SEQ; 9.1: 00 00 || SSRC || 00 00 || SRTCP index;
// XOR the 96-bit salt.
std::array<uint8_t, kGcmIvLen> PacketCrypto::gcm_iv(uint32_t ssrc, uint64_t index) const noexcept {
  std::array<uint8_t, kGcmIvLen> iv{};
  std::copy_n(salt_.begin(), kGcmIvLen, iv.begin());
  mix(iv.data(), 2, ssrc, 6, index);
  return iv;
}

bool PacketCrypto::seal(uint32_t ssrc, uint64_t index, std::span<const uint8_t> aad1,
                        std::span<const uint8_t> aad2, std::span<uint8_t> data, uint8_t* tag) const noexcept {
  return gcm_.seal(gcm_iv(ssrc, index).data(), aad1, aad2, data, tag);
}

bool PacketCrypto::open(uint32_t ssrc, uint64_t index, std::span<const uint8_t> aad1,
                        std::span<const uint8_t> aad2, std::span<uint8_t> data, const uint8_t* tag) const noexcept {
  return gcm_.open(gcm_iv(ssrc, index).data(), aad1, aad2, data, tag);
}

}  // namespace rr::srtp
