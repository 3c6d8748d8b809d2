// AesCm builds its own counter blocks, for AES-NI or an OpenSSL ECB context (aes.hpp): on both
// paths its keystream must equal OpenSSL's AES-CTR from the same IV at every length, across a
// partial last block, across more than one keystream chunk, and where adding the block number
// carries from the low 64 bits into the high ones or wraps at 2^128.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "relay/packet/bytes.hpp"
#include "relay/srtp/aes.hpp"

namespace rr::srtp {
namespace {

using Bytes = std::vector<uint8_t>;

Bytes hex(std::string_view text) {
  Bytes out;
  for (size_t i = 0; i + 1 < text.size(); i += 2)
    out.push_back(static_cast<uint8_t>(std::stoi(std::string(text.substr(i, 2)), nullptr, 16)));
  return out;
}

Bytes pattern(size_t len, uint8_t seed) {
  Bytes out(len);
  for (size_t i = 0; i < len; ++i) out[i] = static_cast<uint8_t>(seed + 31 * i);
  return out;
}

// OpenSSL's CTR mode in one shot, on a fresh context: the reference.
Bytes ctr_reference(const Bytes& key, const Bytes& iv, Bytes data) {
  const EVP_CIPHER* cipher = key.size() == 16 ? EVP_aes_128_ctr() : EVP_aes_256_ctr();
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  int out = 0;
  EXPECT_EQ(EVP_EncryptInit_ex(ctx.get(), cipher, nullptr, key.data(), iv.data()), 1);
  EXPECT_EQ(
      EVP_EncryptUpdate(ctx.get(), data.data(), &out, data.data(), static_cast<int>(data.size())),
      1);
  return data;
}

Bytes iv_of(uint64_t high, uint64_t low) {
  Bytes iv(16);
  packet::store_be64(iv.data(), high);
  packet::store_be64(iv.data() + 8, low);
  return iv;
}

TEST(AesCm, KeystreamEqualsOpenSslCtrMode) {
  struct Iv {
    const char* name;
    uint64_t high, low;
  };
  const Iv ivs[] = {
      {"zero", 0, 0},
      {"SRTP-like", 0xF0F1F2F3F4F5F6F7, 0xF8F9FAFBFCFD0000},
      {"carry into high word", 0x0123456789ABCDEF, ~uint64_t{0} - 2},
      {"wrap at 2^128", ~uint64_t{0}, ~uint64_t{0} - 1},
  };
  const size_t lengths[] = {0, 1, 15, 16, 17, 160, 255, 256, 257, 1500};
  for (const bool aes_ni : {true, false}) {
    for (size_t key_len : {16u, 32u}) {
      const Bytes key = pattern(key_len, 7);
      AesCm aes;
      ASSERT_TRUE(aes.init(key, aes_ni));
      EXPECT_EQ(aes.uses_aes_ni(), aes_ni && aes_ni_available());
      for (const Iv& row : ivs) {
        const Bytes iv = iv_of(row.high, row.low);
        for (size_t len : lengths) {
          const Bytes plain = pattern(len, static_cast<uint8_t>(len));
          const Bytes expected = ctr_reference(key, iv, plain);
          Bytes by_bytes = plain, by_words = plain;
          ASSERT_TRUE(aes.apply(iv.data(), by_bytes));
          ASSERT_TRUE(aes.apply(row.high, row.low, by_words));
          const auto where = [&] {
            return std::string(aes.uses_aes_ni() ? "AES-NI, " : "OpenSSL ECB, ") +
                   std::to_string(key_len) + "-byte key, " + row.name + ", " + std::to_string(len) +
                   " bytes";
          };
          EXPECT_EQ(by_bytes, expected) << where();
          EXPECT_EQ(by_words, expected) << where();
        }
      }
    }
  }
}

// FIPS-197 Appendix C.1 and C.3: the keystream of a counter equal to the example plaintext is
// the example ciphertext (AES-128 and AES-256 key expansion and rounds, on AES-NI's path when
// the CPU has it and on OpenSSL's otherwise).
TEST(AesCm, Fips197AppendixC) {
  struct Row {
    const char* key;
    const char* ciphertext;
  };
  const Row rows[] = {
      {"000102030405060708090a0b0c0d0e0f", "69c4e0d86a7b0430d8cdb78070b4c55a"},
      {"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
       "8ea2b7ca516745bfeafc49904b496089"},
  };
  const Bytes plaintext = hex("00112233445566778899aabbccddeeff");
  for (const bool aes_ni : {true, false}) {
    for (const Row& row : rows) {
      AesCm aes;
      ASSERT_TRUE(aes.init(hex(row.key), aes_ni));
      Bytes keystream(16, 0);
      ASSERT_TRUE(aes.apply(plaintext.data(), keystream));
      EXPECT_EQ(keystream, hex(row.ciphertext)) << row.key << (aes_ni ? " AES-NI" : " OpenSSL");
    }
  }
}

TEST(AesCm, RefusesAKeyOfAnotherLength) {
  AesCm aes;
  EXPECT_FALSE(aes.init(pattern(24, 1)));
  EXPECT_FALSE(aes.init(pattern(0, 1)));
}

}  // namespace
}  // namespace rr::srtp
