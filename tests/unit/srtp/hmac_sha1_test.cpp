// HMAC-SHA1 resumed from the pads' chaining values against OpenSSL's one-shot HMAC(): every
// length of `first` across SHA-1's block boundaries (with and without `second`, SRTP's ROC),
// keys of zero, one block and longer than a block (hashed first).
#include "relay/srtp/hmac_sha1.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace rr::srtp {
namespace {

using Bytes = std::vector<uint8_t>;

Bytes random_bytes(std::mt19937& rng, size_t n) {
  Bytes out(n);
  for (uint8_t& b : out) b = static_cast<uint8_t>(rng());
  return out;
}

Bytes reference(const Bytes& key, const Bytes& first, const Bytes& second) {
  Bytes message = first;
  message.insert(message.end(), second.begin(), second.end());
  Bytes out(kSha1Len);
  unsigned len = 0;
  const uint8_t none = 0;  // OpenSSL refuses a null key, even of length 0
  HMAC(EVP_sha1(), key.empty() ? &none : key.data(), static_cast<int>(key.size()),
       message.empty() ? &none : message.data(), message.size(), out.data(), &len);
  EXPECT_EQ(len, kSha1Len);
  return out;
}

Bytes ours(const HmacSha1& hmac, const Bytes& first, const Bytes& second) {
  Bytes out(kSha1Len);
  hmac.compute(first, second, out.data());
  return out;
}

const size_t kKeyLengths[] = {0, 20, 64, 65, 100};
const size_t kSecondLengths[] = {0, 4, 20, 100};

TEST(HmacSha1, EqualsOpenSslForEveryLength) {
  std::mt19937 rng(7);
  for (size_t key_len : kKeyLengths) {
    const Bytes key = random_bytes(rng, key_len);
    HmacSha1 hmac;
    hmac.init(key);
    for (size_t second_len : kSecondLengths) {
      const Bytes second = random_bytes(rng, second_len);
      for (size_t first_len = 0; first_len <= 300; ++first_len) {
        const Bytes first = random_bytes(rng, first_len);
        ASSERT_EQ(ours(hmac, first, second), reference(key, first, second))
            << "key " << key_len << " first " << first_len << " second " << second_len;
      }
    }
  }
}

// RFC 2202 test case 2 ("Jefe").
TEST(HmacSha1, Rfc2202Vector) {
  const Bytes key{'J', 'e', 'f', 'e'};
  const std::string text = "what do ya want for nothing?";
  HmacSha1 hmac;
  hmac.init(key);
  const Bytes expected{0xef, 0xfc, 0xdf, 0x6a, 0xe5, 0xeb, 0x2f, 0xa2, 0xd2, 0x74,
                       0x16, 0xd5, 0xf1, 0x84, 0xdf, 0x9c, 0x25, 0x9a, 0x7c, 0x79};
  EXPECT_EQ(ours(hmac, Bytes(text.begin(), text.end()), {}), expected);
  // The same message split as SRTP splits it: the packet, then 4 bytes.
  EXPECT_EQ(ours(hmac, Bytes(text.begin(), text.end() - 4), Bytes(text.end() - 4, text.end())), expected);
}

}  // namespace
}  // namespace rr::srtp
