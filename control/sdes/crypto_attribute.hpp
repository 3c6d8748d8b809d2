// RFC 4568 SDES "a=crypto" attributes for SRTP: parse what a peer offers, format what
// the relay offers. Parsing is strict and every failure says which piece was wrong.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "relay/srtp/suite.hpp"

namespace rr::sdes {

// Key lifetime in packets: "2^31" (power form, kept for formatting) or a decimal count.
struct Lifetime {
  uint64_t packets = 0;
  bool power_form = false;
  bool operator==(const Lifetime&) const = default;
};

// One "inline:" key parameter. Its MKI ("value:length", RFC 4568 6.1) is key.mki: the bytes
// relay/srtp puts in and expects in every packet under this key (none when key.mki.len == 0).
struct KeyParam {
  srtp::KeyMaterial key;
  std::optional<Lifetime> lifetime;
  bool operator==(const KeyParam&) const = default;
};

struct CryptoAttribute {
  uint32_t tag = 0;  // 1..999999999
  srtp::CryptoSuite suite = srtp::CryptoSuite::aes_cm_128_hmac_sha1_80;
  std::vector<KeyParam> keys;  // at least one
  // Session parameters (RFC 4568 6.3 / 6.3.x).
  bool unencrypted_srtp = false;
  bool unencrypted_srtcp = false;
  bool unauthenticated_srtp = false;
  std::optional<uint32_t> kdr;                      // key derivation rate 2^n, n 0..24
  std::optional<uint64_t> wsh;                      // replay window size hint, >= 64
  std::vector<std::string> fec_params;              // FEC_ORDER=/FEC_KEY=, passed through
  bool operator==(const CryptoAttribute&) const = default;
};

struct CryptoParse {
  std::optional<CryptoAttribute> attribute;
  std::string error;  // "crypto: ..." when attribute is empty
  bool ok() const { return attribute.has_value(); }
};

// `value` is the attribute value ("1 AES_CM_128_HMAC_SHA1_80 inline:..."); a leading
// "a=crypto:" or "crypto:" is accepted too.
CryptoParse parse_crypto(std::string_view value);

// The attribute value, without "a=crypto:". Keys are always written with padding.
std::string format_crypto(const CryptoAttribute& attribute);

}  // namespace rr::sdes
