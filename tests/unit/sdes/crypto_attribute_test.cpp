// a=crypto parsing and formatting: accepted lines round-trip, every error is named.
#include <gtest/gtest.h>

#include <string>

#include "control/sdes/crypto_attribute.hpp"

namespace rr::sdes {
namespace {

// RFC 3711 B.3's master key and salt (30 bytes), as SDES carries it.
constexpr const char* kKey128 = "4fl6DT4Bi+DWT6MsBt5BOQ7Gda1Jiv7rtpYLOqvm";
// 46 bytes 00..2d for the 256-bit suites, 28 bytes 00..1b for AEAD_AES_128_GCM.
constexpr const char* kKey256 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLQ==";
constexpr const char* kKeyGcm128 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGw==";

struct Accepted {
  std::string name;
  std::string text;
  std::string formatted;  // what format_crypto gives back ("" = same as text)
};

const Accepted kAccepted[] = {
    {"minimal", std::string("1 AES_CM_128_HMAC_SHA1_80 inline:") + kKey128, ""},
    {"sha1_32", std::string("2 AES_CM_128_HMAC_SHA1_32 inline:") + kKey128, ""},
    {"aes256", std::string("3 AES_256_CM_HMAC_SHA1_80 inline:") + kKey256, ""},
    {"aes256_32", std::string("3 AES_256_CM_HMAC_SHA1_32 inline:") + kKey256, ""},
    {"gcm128", std::string("4 AEAD_AES_128_GCM inline:") + kKeyGcm128, ""},
    {"lifetime_power", std::string("1 AES_CM_128_HMAC_SHA1_80 inline:") + kKey128 + "|2^31", ""},
    {"lifetime_decimal", std::string("1 AES_CM_128_HMAC_SHA1_80 inline:") + kKey128 + "|1048576", ""},
    {"lifetime_and_mki", std::string("1 AES_CM_128_HMAC_SHA1_80 inline:") + kKey128 + "|2^20|1:4", ""},
    {"mki_only", std::string("1 AES_CM_128_HMAC_SHA1_80 inline:") + kKey128 + "|7:1", ""},
    {"mki_max_length", std::string("1 AES_CM_128_HMAC_SHA1_80 inline:") + kKey128 + "|18446744073709551615:128", ""},
    {"mki_gcm", std::string("4 AEAD_AES_128_GCM inline:") + kKeyGcm128 + "|2^31|1:4", ""},
    {"two_keys", std::string("1 AES_CM_128_HMAC_SHA1_80 inline:") + kKey128 + "|2^20|1:4;inline:" + kKey128 + "|2^20|2:4", ""},
    {"session_params",
     std::string("9 AES_CM_128_HMAC_SHA1_80 inline:") + kKey128 + " UNENCRYPTED_SRTCP UNAUTHENTICATED_SRTP", ""},
    {"all_session_params",
     std::string("9 AES_CM_128_HMAC_SHA1_80 inline:") + kKey128 +
         " KDR=0 UNENCRYPTED_SRTP UNENCRYPTED_SRTCP UNAUTHENTICATED_SRTP WSH=128 FEC_ORDER=FEC_SRTP", ""},
    // Accepted and normalized: the full a= line, extra spaces, unpadded base64.
    {"full_line", std::string("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:") + kKey128,
     std::string("1 AES_CM_128_HMAC_SHA1_80 inline:") + kKey128},
    {"extra_spaces", std::string("1  AES_CM_128_HMAC_SHA1_80\tinline:") + kKey128 + " ",
     std::string("1 AES_CM_128_HMAC_SHA1_80 inline:") + kKey128},
    {"unpadded", "4 AEAD_AES_128_GCM inline:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGw",
     std::string("4 AEAD_AES_128_GCM inline:") + kKeyGcm128},
};

class AcceptedLine : public testing::TestWithParam<Accepted> {};

TEST_P(AcceptedLine, ParsesAndFormatsBack) {
  const Accepted& row = GetParam();
  const CryptoParse parsed = parse_crypto(row.text);
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  const std::string formatted = format_crypto(*parsed.attribute);
  EXPECT_EQ(formatted, row.formatted.empty() ? row.text : row.formatted);
  const CryptoParse again = parse_crypto(formatted);
  ASSERT_TRUE(again.ok()) << again.error;
  EXPECT_EQ(*again.attribute, *parsed.attribute);
}

INSTANTIATE_TEST_SUITE_P(Sdes, AcceptedLine, testing::ValuesIn(kAccepted),
                         [](const auto& param_info) { return param_info.param.name; });

TEST(CryptoAttribute, FieldsAreDecoded) {
  const CryptoParse parsed = parse_crypto(std::string("7 AES_CM_128_HMAC_SHA1_32 inline:") + kKey128 +
                                          "|2^20|3:2 KDR=4 UNENCRYPTED_SRTP WSH=256");
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  const CryptoAttribute& a = *parsed.attribute;
  EXPECT_EQ(a.tag, 7u);
  EXPECT_EQ(a.suite, srtp::CryptoSuite::aes_cm_128_hmac_sha1_32);
  ASSERT_EQ(a.keys.size(), 1u);
  const auto key = a.keys[0].key.key_and_salt();
  ASSERT_EQ(key.size(), 30u);
  EXPECT_EQ(key[0], 0xe1);
  EXPECT_EQ(key[29], 0xe6);
  EXPECT_EQ(a.keys[0].lifetime, (Lifetime{1u << 20, true}));
  EXPECT_EQ(a.keys[0].key.mki, *srtp::Mki::from_value(3, 2));
  EXPECT_EQ(a.keys[0].key.mki.bytes[1], 3);
  EXPECT_EQ(a.kdr, 4u);
  EXPECT_TRUE(a.unencrypted_srtp);
  EXPECT_FALSE(a.unencrypted_srtcp);
  EXPECT_EQ(a.wsh, 256u);
}

struct Rejected {
  std::string name;
  std::string text;
  std::string error;
};

const std::string kPrefix = "1 AES_CM_128_HMAC_SHA1_80 inline:";

const Rejected kRejected[] = {
    {"empty", "", "crypto: expected '<tag> <suite> <key-params>'"},
    {"no_key", "1 AES_CM_128_HMAC_SHA1_80", "crypto: expected '<tag> <suite> <key-params>'"},
    {"tag_not_number", std::string("x AES_CM_128_HMAC_SHA1_80 inline:") + kKey128, "crypto: bad tag 'x'"},
    {"tag_ten_digits", std::string("1234567890 AES_CM_128_HMAC_SHA1_80 inline:") + kKey128,
     "crypto: bad tag '1234567890'"},
    {"tag_negative", std::string("-1 AES_CM_128_HMAC_SHA1_80 inline:") + kKey128, "crypto: bad tag '-1'"},
    {"unknown_suite", std::string("1 FOO inline:") + kKey128, "crypto: unknown suite FOO"},
    {"f8_suite", std::string("1 F8_128_HMAC_SHA1_80 inline:") + kKey128, "crypto: unknown suite F8_128_HMAC_SHA1_80"},
    {"not_inline", std::string("1 AES_CM_128_HMAC_SHA1_80 uri:") + kKey128, "crypto: key method is not inline"},
    {"bad_base64", kPrefix + "4fl6DT4Bi+DWT6MsBt5BOQ7Gda1Jiv7rtpYLOq!m", "crypto: bad base64 in key"},
    {"key_too_short", kPrefix + "AAECAwQFBgcICQoLDA0ODxAREhM=", "crypto: key length 20, suite wants 30"},
    {"key_for_other_suite", std::string("1 AES_256_CM_HMAC_SHA1_80 inline:") + kKey128,
     "crypto: key length 30, suite wants 46"},
    {"gcm_with_cm_key", std::string("1 AEAD_AES_128_GCM inline:") + kKey128, "crypto: key length 30, suite wants 28"},
    {"lifetime_zero", kPrefix + kKey128 + "|0", "crypto: bad lifetime '0'"},
    {"lifetime_too_big", kPrefix + kKey128 + "|2^49", "crypto: bad lifetime '2^49'"},
    {"lifetime_junk", kPrefix + kKey128 + "|2^x", "crypto: bad lifetime '2^x'"},
    {"lifetime_empty", kPrefix + kKey128 + "|", "crypto: bad lifetime ''"},
    {"lifetime_after_mki", kPrefix + kKey128 + "|1:4|2^20", "crypto: bad lifetime '2^20'"},
    {"two_lifetimes", kPrefix + kKey128 + "|2^20|2^20", "crypto: bad lifetime '2^20'"},
    {"mki_length_zero", kPrefix + kKey128 + "|1:0", "crypto: bad MKI '1:0'"},
    {"mki_length_too_big", kPrefix + kKey128 + "|1:129", "crypto: MKI length 129, at most 128"},
    {"mki_length_junk", kPrefix + kKey128 + "|1:4x", "crypto: bad MKI '1:4x'"},
    {"mki_no_length", kPrefix + kKey128 + "|1:", "crypto: bad MKI '1:'"},
    {"mki_value_too_big", kPrefix + kKey128 + "|256:1", "crypto: bad MKI '256:1'"},
    {"mki_no_value", kPrefix + kKey128 + "|:4", "crypto: bad MKI ':4'"},
    {"two_mkis", kPrefix + kKey128 + "|1:4|2:4", "crypto: bad MKI '2:4'"},
    {"two_keys_no_mki", kPrefix + kKey128 + ";inline:" + kKey128, "crypto: several keys need MKIs of one length"},
    {"two_keys_mki_lengths", kPrefix + kKey128 + "|1:4;inline:" + kKey128 + "|2:2",
     "crypto: several keys need MKIs of one length"},
    {"empty_key_param", kPrefix + kKey128 + ";", "crypto: key method is not inline"},
    {"unknown_session_param", kPrefix + kKey128 + " FOO", "crypto: unknown session parameter FOO"},
    {"kdr_too_big", kPrefix + kKey128 + " KDR=25", "crypto: bad session parameter KDR=25"},
    {"wsh_too_small", kPrefix + kKey128 + " WSH=32", "crypto: bad session parameter WSH=32"},
    {"unauthenticated_gcm", std::string("4 AEAD_AES_128_GCM inline:") + kKeyGcm128 + " UNAUTHENTICATED_SRTP",
     "crypto: UNAUTHENTICATED_SRTP with an AEAD suite"},
};

class RejectedLine : public testing::TestWithParam<Rejected> {};

TEST_P(RejectedLine, SaysWhy) {
  const CryptoParse parsed = parse_crypto(GetParam().text);
  EXPECT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error, GetParam().error);
}

INSTANTIATE_TEST_SUITE_P(Sdes, RejectedLine, testing::ValuesIn(kRejected),
                         [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace rr::sdes
