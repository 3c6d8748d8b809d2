// RFC 3711 4.3 key derivation with key derivation rate 0: each session key is the AES-CM
// keystream under the master key, at IV = (master salt XOR label << 48) || 0x0000.
// AES-256 suites use AES-256 as the PRF (RFC 6188); the AEAD suites' 12-byte master salt is
// padded with two zero bytes to the PRF's 14 (RFC 7714 11, and what libsrtp does).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "relay/srtp/suite.hpp"

namespace rr::srtp {

enum class KdfLabel : uint8_t {
  rtp_encryption = 0x00,
  rtp_auth = 0x01,
  rtp_salt = 0x02,
  rtcp_encryption = 0x03,
  rtcp_auth = 0x04,
  rtcp_salt = 0x05,
};

inline constexpr size_t kAuthKeyLen = 20;  // HMAC-SHA1 key, RFC 3711 4.2.1 / 8.2

// The keys of one packet kind (RTP or SRTCP). The salt is kMaxSaltLen bytes for AES-CM and
// 12 for GCM; auth is unused by the AEAD suites.
struct SessionKeys {
  std::array<uint8_t, kMaxKeyLen> encryption{};
  std::array<uint8_t, kAuthKeyLen> auth{};
  std::array<uint8_t, kMaxSaltLen> salt{};
};

struct DerivedKeys {
  SessionKeys rtp, rtcp;
  ~DerivedKeys();  // wipes the copies
};

// nullopt only if OpenSSL refused the master key.
std::optional<DerivedKeys> derive_keys(const KeyMaterial& master);

// One PRF output (exposed for the RFC 3711 B.3 test): `out.size()` bytes for `label`.
bool derive(const KeyMaterial& master, KdfLabel label, std::span<uint8_t> out);

}  // namespace rr::srtp
