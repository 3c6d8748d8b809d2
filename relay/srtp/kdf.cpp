#include "relay/srtp/kdf.hpp"

#include <openssl/crypto.h>

#include <algorithm>

#include "relay/srtp/aes.hpp"

namespace rr::srtp {
namespace {

bool prf(const AesCm& aes, const KeyMaterial& master, KdfLabel label, std::span<uint8_t> out) {
  const SuiteInfo& suite = info(master.suite);
  std::array<uint8_t, kCmIvLen> iv{};  // salt, right-padded to 14 bytes, then the 16-bit block counter
  const auto salt = master.key_and_salt().subspan(suite.key_len);
  std::copy(salt.begin(), salt.end(), iv.begin());
  iv[7] ^= static_cast<uint8_t>(label);  // key_id = label || r (r = 0) right-aligned in 112 bits
  std::fill(out.begin(), out.end(), uint8_t{0});
  return aes.apply(iv.data(), out);
}

}  // namespace

DerivedKeys::~DerivedKeys() { OPENSSL_cleanse(this, sizeof *this); }

bool derive(const KeyMaterial& master, KdfLabel label, std::span<uint8_t> out) {
  AesCm aes;
  return aes.init(master.key_and_salt().first(info(master.suite).key_len)) && prf(aes, master, label, out);
}

std::optional<DerivedKeys> derive_keys(const KeyMaterial& master) {
  const SuiteInfo& suite = info(master.suite);
  AesCm aes;
  if (!aes.init(master.key_and_salt().first(suite.key_len))) return std::nullopt;
  std::optional<DerivedKeys> keys(std::in_place);
  const auto derive_kind = [&](SessionKeys& k, KdfLabel encryption, KdfLabel auth, KdfLabel salt) {
    return prf(aes, master, encryption, std::span(k.encryption).first(suite.key_len)) &&
           prf(aes, master, auth, k.auth) && prf(aes, master, salt, std::span(k.salt).first(suite.salt_len));
  };
  if (!derive_kind(keys->rtp, KdfLabel::rtp_encryption, KdfLabel::rtp_auth, KdfLabel::rtp_salt) ||
      !derive_kind(keys->rtcp, KdfLabel::rtcp_encryption, KdfLabel::rtcp_auth, KdfLabel::rtcp_salt))
    return std::nullopt;
  return keys;
}

}  // namespace rr::srtp
