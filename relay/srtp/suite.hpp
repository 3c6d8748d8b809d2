// The SRTP crypto suites rtp-relay speaks: one table from which SDES names, key sizes,
// trailer sizes and the transform (AES-CM + HMAC-SHA1 or AEAD AES-GCM) all come.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "relay/srtp/mki.hpp"

namespace rr::srtp {

enum class CryptoSuite : uint8_t {
  aes_cm_128_hmac_sha1_80,
  aes_cm_128_hmac_sha1_32,
  aes_256_cm_hmac_sha1_80,
  aes_256_cm_hmac_sha1_32,
  aead_aes_128_gcm,
  aead_aes_256_gcm,
};

struct SuiteInfo {
  CryptoSuite suite;
  std::string_view sdes_name;  // RFC 4568 / RFC 6188 / RFC 7714 name in a=crypto
  uint8_t key_len;             // master key, bytes
  uint8_t salt_len;            // master salt, bytes
  uint8_t rtp_tag_len;         // bytes appended to each SRTP packet
  uint8_t rtcp_tag_len;        // SRTCP tag: the _32 suites still use 80 bits (RFC 4568 6.2.1)
  bool aead;                   // RFC 7714 AES-GCM; otherwise AES-CM with HMAC-SHA1
};

inline constexpr std::array<SuiteInfo, 6> kSuites{{
    {CryptoSuite::aes_cm_128_hmac_sha1_80, "AES_CM_128_HMAC_SHA1_80", 16, 14, 10, 10, false},
    {CryptoSuite::aes_cm_128_hmac_sha1_32, "AES_CM_128_HMAC_SHA1_32", 16, 14, 4, 10, false},
    {CryptoSuite::aes_256_cm_hmac_sha1_80, "AES_256_CM_HMAC_SHA1_80", 32, 14, 10, 10, false},
    {CryptoSuite::aes_256_cm_hmac_sha1_32, "AES_256_CM_HMAC_SHA1_32", 32, 14, 4, 10, false},
    // RFC 7714: 16-byte tag, 12-byte salt; RTCP uses the same AEAD.
    {CryptoSuite::aead_aes_128_gcm, "AEAD_AES_128_GCM", 16, 12, 16, 16, true},
    {CryptoSuite::aead_aes_256_gcm, "AEAD_AES_256_GCM", 32, 12, 16, 16, true},
}};

// info() indexes the table by enum value.
static_assert([] {
  for (size_t i = 0; i < kSuites.size(); ++i) {
    if (static_cast<size_t>(kSuites[i].suite) != i) return false;
  }
  return true;
}());

inline constexpr size_t kMaxKeyLen = 32;
inline constexpr size_t kMaxSaltLen = 14;
inline constexpr size_t kSrtcpIndexLen = 4;  // E flag + 31-bit index, RFC 3711 3.4

constexpr const SuiteInfo& info(CryptoSuite suite) { return kSuites[static_cast<size_t>(suite)]; }

// Exact match on the SDES name (the names are case-sensitive tokens in RFC 4568).
constexpr const SuiteInfo* find_suite(std::string_view sdes_name) {
  for (const SuiteInfo& s : kSuites) {
    if (s.sdes_name == sdes_name) return &s;
  }
  return nullptr;
}

// Whether this process can run the suite (OpenSSL may be built without a cipher). Checked
// once by creating a throwaway session.
bool suite_available(CryptoSuite suite);

// Master key followed by master salt, as SDES carries them, and the MKI that names this
// master key in every packet (none by default; RFC 4568 6.1).
struct KeyMaterial {
  CryptoSuite suite = CryptoSuite::aes_cm_128_hmac_sha1_80;
  std::array<uint8_t, kMaxKeyLen + kMaxSaltLen> bytes{};
  Mki mki;

  size_t size() const { return info(suite).key_len + size_t{info(suite).salt_len}; }
  std::span<const uint8_t> key_and_salt() const { return {bytes.data(), size()}; }
  std::span<uint8_t> key_and_salt() { return {bytes.data(), size()}; }
  bool operator==(const KeyMaterial& other) const {
    return suite == other.suite && std::ranges::equal(key_and_salt(), other.key_and_salt()) && mki == other.mki;
  }
};

}  // namespace rr::srtp
