#include "control/sdes/crypto_attribute.hpp"

#include <algorithm>
#include <bit>
#include <utility>

#include "control/sdes/base64.hpp"
#include "control/sdes/tokens.hpp"

namespace rr::sdes {
namespace {

constexpr uint64_t kMaxLifetime = uint64_t{1} << 48;  // SRTP index space (RFC 3711 9.2)

struct Fail {
  std::string message;
};

// "2^31" or "1048576", at most 2^48.
std::optional<Lifetime> parse_lifetime(std::string_view text) {
  Lifetime lifetime;
  if (text.starts_with("2^")) {
    const auto exponent = parse_uint(text.substr(2), 48);
    if (!exponent) return std::nullopt;
    lifetime.packets = uint64_t{1} << *exponent;
    lifetime.power_form = true;
    return lifetime;
  }
  const auto packets = parse_uint(text, kMaxLifetime);
  if (!packets || *packets == 0) return std::nullopt;
  lifetime.packets = *packets;
  return lifetime;
}

// "<value>:<length>": RFC 4568 allows lengths 1..128 bytes, which is also relay/srtp's bound
// (kMaxMkiLen); the value must fit in them.
std::optional<srtp::Mki> parse_mki(std::string_view text, Fail& fail) {
  const size_t colon = text.find(':');
  const auto value = parse_uint(text.substr(0, colon), UINT64_MAX);
  const auto length = colon == std::string_view::npos ? std::nullopt : parse_uint(text.substr(colon + 1), 999);
  if (value && length && *length > srtp::kMaxMkiLen) {
    fail.message = "crypto: MKI length " + std::to_string(*length) + ", at most " + std::to_string(srtp::kMaxMkiLen);
    return std::nullopt;
  }
  std::optional<srtp::Mki> mki = value && length ? srtp::Mki::from_value(*value, *length) : std::nullopt;
  if (!mki) fail.message = "crypto: bad MKI '" + std::string(text) + "'";
  return mki;
}

// "inline:<base64 key||salt>[|lifetime][|MKI:length]"
std::optional<KeyParam> parse_key(std::string_view text, const srtp::SuiteInfo& suite, Fail& fail) {
  if (!text.starts_with("inline:")) {
    fail.message = "crypto: key method is not inline";
    return std::nullopt;
  }
  text.remove_prefix(7);
  const std::vector<std::string_view> parts = split(text, '|');
  const auto bytes = base64_decode(parts[0]);
  if (!bytes) {
    fail.message = "crypto: bad base64 in key";
    return std::nullopt;
  }
  const size_t wanted = size_t{suite.key_len} + suite.salt_len;
  if (bytes->size() != wanted) {
    fail.message = "crypto: key length " + std::to_string(bytes->size()) + ", suite wants " + std::to_string(wanted);
    return std::nullopt;
  }
  KeyParam key;
  key.key.suite = suite.suite;
  std::copy(bytes->begin(), bytes->end(), key.key.bytes.begin());
  for (size_t i = 1; i < parts.size(); ++i) {
    // A field with ':' is the MKI; otherwise the lifetime, which must come first.
    if (parts[i].find(':') != std::string_view::npos) {
      if (key.key.mki) {
        fail.message = "crypto: bad MKI '" + std::string(parts[i]) + "'";
        return std::nullopt;
      }
      const std::optional<srtp::Mki> mki = parse_mki(parts[i], fail);
      if (!mki) return std::nullopt;
      key.key.mki = *mki;
    } else if (key.lifetime || key.key.mki || !(key.lifetime = parse_lifetime(parts[i]))) {
      fail.message = "crypto: bad lifetime '" + std::string(parts[i]) + "'";
      return std::nullopt;
    }
  }
  return key;
}

// One session parameter; false with fail.message set when it is not understood.
bool parse_session_param(std::string_view param, CryptoAttribute& out, Fail& fail) {
  if (param == "UNENCRYPTED_SRTP") return out.unencrypted_srtp = true;
  if (param == "UNENCRYPTED_SRTCP") return out.unencrypted_srtcp = true;
  if (param == "UNAUTHENTICATED_SRTP") return out.unauthenticated_srtp = true;
  if (param.starts_with("KDR=")) {
    const auto kdr = parse_uint(param.substr(4), 24);
    if (kdr) return out.kdr = static_cast<uint32_t>(*kdr), true;
  } else if (param.starts_with("WSH=")) {
    const auto wsh = parse_uint(param.substr(4), UINT64_MAX);
    if (wsh && *wsh >= 64) return out.wsh = *wsh, true;
  } else if (param.starts_with("FEC_ORDER=") || param.starts_with("FEC_KEY=")) {
    out.fec_params.emplace_back(param);
    return true;
  } else {
    fail.message = "crypto: unknown session parameter " + std::string(param);
    return false;
  }
  fail.message = "crypto: bad session parameter " + std::string(param);
  return false;
}

}  // namespace

CryptoParse parse_crypto(std::string_view value) {
  CryptoParse result;
  if (value.starts_with("a=")) value.remove_prefix(2);
  if (value.starts_with("crypto:")) value.remove_prefix(7);
  const std::vector<std::string_view> fields = split_spaces(value);
  if (fields.size() < 3) {
    result.error = "crypto: expected '<tag> <suite> <key-params>'";
    return result;
  }
  CryptoAttribute attribute;
  const auto tag = fields[0].size() <= 9 ? parse_uint(fields[0], 999'999'999) : std::nullopt;
  if (!tag) {
    result.error = "crypto: bad tag '" + std::string(fields[0]) + "'";
    return result;
  }
  attribute.tag = static_cast<uint32_t>(*tag);
  const srtp::SuiteInfo* suite = srtp::find_suite(fields[1]);
  if (suite == nullptr) {
    result.error = "crypto: unknown suite " + std::string(fields[1]);
    return result;
  }
  attribute.suite = suite->suite;
  Fail fail;
  for (std::string_view key_text : split(fields[2], ';')) {
    auto key = parse_key(key_text, *suite, fail);
    if (!key) return result.error = fail.message, result;
    attribute.keys.push_back(*key);
  }
  if (attribute.keys.size() > 1) {
    // RFC 4568 6.1: with several keys each needs an MKI of one common length.
    for (const KeyParam& key : attribute.keys) {
      if (!key.key.mki || key.key.mki.len != attribute.keys[0].key.mki.len) {
        return result.error = "crypto: several keys need MKIs of one length", result;
      }
    }
  }
  for (size_t i = 3; i < fields.size(); ++i) {
    if (!parse_session_param(fields[i], attribute, fail)) return result.error = fail.message, result;
  }
  // GCM always authenticates: relay/srtp cannot run such a line, so it is refused here (a
  // caller with several lines moves on to the next) rather than at publish time.
  if (suite->aead && attribute.unauthenticated_srtp)
    return result.error = "crypto: UNAUTHENTICATED_SRTP with an AEAD suite", result;
  result.attribute = std::move(attribute);
  return result;
}

std::string format_crypto(const CryptoAttribute& a) {
  std::string out = std::to_string(a.tag) + " " + std::string(srtp::info(a.suite).sdes_name) + " ";
  for (size_t i = 0; i < a.keys.size(); ++i) {
    const KeyParam& key = a.keys[i];
    if (i > 0) out += ';';
    out += "inline:" + base64_encode(key.key.key_and_salt());
    if (key.lifetime) {
      out += '|';
      if (key.lifetime->power_form) {
        out += "2^" + std::to_string(std::countr_zero(key.lifetime->packets));
      } else {
        out += std::to_string(key.lifetime->packets);
      }
    }
    if (key.key.mki) out += '|' + std::to_string(key.key.mki.value()) + ':' + std::to_string(key.key.mki.len);
  }
  if (a.kdr) out += " KDR=" + std::to_string(*a.kdr);
  if (a.unencrypted_srtp) out += " UNENCRYPTED_SRTP";
  if (a.unencrypted_srtcp) out += " UNENCRYPTED_SRTCP";
  if (a.unauthenticated_srtp) out += " UNAUTHENTICATED_SRTP";
  if (a.wsh) out += " WSH=" + std::to_string(*a.wsh);
  for (const std::string& fec : a.fec_params) out += ' ' + fec;
  return out;
}

}  // namespace rr::sdes
