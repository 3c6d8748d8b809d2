// The suite table and key generation.
#include <gtest/gtest.h>

#include <string>

#include "relay/srtp/keygen.hpp"
#include "relay/srtp/suite.hpp"

namespace rr::srtp {
namespace {

struct Row {
  std::string name;
  CryptoSuite suite;
  size_t key_len, salt_len, rtp_tag_len;
};

const Row kRows[] = {
    {"AES_CM_128_HMAC_SHA1_80", CryptoSuite::aes_cm_128_hmac_sha1_80, 16, 14, 10},
    {"AES_CM_128_HMAC_SHA1_32", CryptoSuite::aes_cm_128_hmac_sha1_32, 16, 14, 4},
    {"AES_256_CM_HMAC_SHA1_80", CryptoSuite::aes_256_cm_hmac_sha1_80, 32, 14, 10},
    {"AES_256_CM_HMAC_SHA1_32", CryptoSuite::aes_256_cm_hmac_sha1_32, 32, 14, 4},
    {"AEAD_AES_128_GCM", CryptoSuite::aead_aes_128_gcm, 16, 12, 16},
    {"AEAD_AES_256_GCM", CryptoSuite::aead_aes_256_gcm, 32, 12, 16},
};

TEST(SuiteTable, NamesAndSizesFollowTheRfcs) {
  for (const Row& row : kRows) {
    const SuiteInfo* s = find_suite(row.name);
    ASSERT_NE(s, nullptr) << row.name;
    EXPECT_EQ(s->suite, row.suite);
    EXPECT_EQ(&info(row.suite), s);
    EXPECT_EQ(s->key_len, row.key_len) << row.name;
    EXPECT_EQ(s->salt_len, row.salt_len) << row.name;
    EXPECT_EQ(s->rtp_tag_len, row.rtp_tag_len) << row.name;
  }
}

TEST(SuiteTable, UnknownAndMiscasedNamesAreNotFound) {
  EXPECT_EQ(find_suite("F8_128_HMAC_SHA1_80"), nullptr);
  EXPECT_EQ(find_suite("aes_cm_128_hmac_sha1_80"), nullptr);
  EXPECT_EQ(find_suite(""), nullptr);
}

TEST(KeyGen, KeysHaveTheSuiteSizeAndDiffer) {
  for (const SuiteInfo& s : kSuites) {
    const auto a = generate_key(s.suite);
    const auto b = generate_key(s.suite);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->key_and_salt().size(), size_t{s.key_len} + s.salt_len);
    EXPECT_FALSE(*a == *b) << s.sdes_name;  // 2^-224 chance of a false failure
  }
}

}  // namespace
}  // namespace rr::srtp
