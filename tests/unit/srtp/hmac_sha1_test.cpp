// HMAC-SHA1 on both paths (SHA-NI and OpenSSL's SHA-1) and compute_pair against OpenSSL's
// one-shot HMAC(), over every length class the block layout has: first's whole blocks in
// place, a tail of one or two blocks, second across the boundary, keys longer than a block.
#include "relay/srtp/hmac_sha1.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "relay/srtp/sha1_ni.hpp"

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

// compute()'s digest, after checking that compute_pair gives it too, paired with itself and
// with a message of another length (compute() is OpenSSL's SHA-1; the pair, SHA-NI's).
Bytes ours(const HmacSha1& hmac, const Bytes& first, const Bytes& second) {
  Bytes out(kSha1Len), pair_a(kSha1Len), pair_b(kSha1Len), other(kSha1Len);
  hmac.compute(first, second, out.data());
  HmacSha1::compute_pair({&hmac, first, second, pair_a.data()},
                         {&hmac, first, second, pair_b.data()});
  EXPECT_EQ(pair_a, out);
  EXPECT_EQ(pair_b, out);
  const Bytes longer(first.size() + 70, 0x5a);
  HmacSha1::compute_pair({&hmac, longer, {}, other.data()}, {&hmac, first, second, pair_b.data()});
  EXPECT_EQ(pair_b, out);
  HmacSha1::compute_pair({&hmac, first, second, pair_a.data()}, {&hmac, longer, {}, other.data()});
  EXPECT_EQ(pair_a, out);
  return out;
}

const size_t kKeyLengths[] = {0, 20, 64, 65, 100};
const size_t kSecondLengths[] = {0, 4, 32, 33, 100};  // > 32: OpenSSL's path even with SHA-NI

class HmacSha1Test : public ::testing::TestWithParam<bool> {};

TEST_P(HmacSha1Test, EqualsOpenSslForEveryLength) {
  std::mt19937 rng(7);
  for (size_t key_len : kKeyLengths) {
    const Bytes key = random_bytes(rng, key_len);
    HmacSha1 hmac;
    hmac.init(key, GetParam());
    EXPECT_EQ(hmac.uses_sha_ni(), GetParam() && sha_ni_available());
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
TEST_P(HmacSha1Test, Rfc2202Vector) {
  const Bytes key{'J', 'e', 'f', 'e'};
  const std::string text = "what do ya want for nothing?";
  HmacSha1 hmac;
  hmac.init(key, GetParam());
  const Bytes first(text.begin(), text.begin() + 10), second(text.begin() + 10, text.end());
  const Bytes expected{0xef, 0xfc, 0xdf, 0x6a, 0xe5, 0xeb, 0x2f, 0xa2, 0xd2, 0x74,
                       0x16, 0xd5, 0xf1, 0x84, 0xdf, 0x9c, 0x25, 0x9a, 0x7c, 0x79};
  EXPECT_EQ(ours(hmac, Bytes(text.begin(), text.end()), {}), expected);
  EXPECT_EQ(ours(hmac, first, Bytes(second.begin(), second.begin() + 4)),
            reference(key, first, Bytes(second.begin(), second.begin() + 4)));
}

// Two keys, two messages of different block counts (the longer one's rest runs alone), each
// digest as compute() gives it; and a pair mixing a SHA-NI key with an OpenSSL one.
TEST_P(HmacSha1Test, PairEqualsTwoComputes) {
  std::mt19937 rng(11);
  const Bytes key_a = random_bytes(rng, 20), key_b = random_bytes(rng, 20);
  const size_t lengths[] = {0, 12, 51, 52, 63, 64, 115, 116, 172, 180, 236, 1200};
  for (const bool b_sha_ni : {true, false}) {
    HmacSha1 a, b;
    a.init(key_a, GetParam());
    b.init(key_b, b_sha_ni);
    for (size_t len_a : lengths) {
      for (size_t len_b : lengths) {
        const Bytes first_a = random_bytes(rng, len_a), first_b = random_bytes(rng, len_b);
        const Bytes roc_a = random_bytes(rng, 4), roc_b = random_bytes(rng, 4);
        Bytes out_a(kSha1Len), out_b(kSha1Len);
        HmacSha1::compute_pair({&a, first_a, roc_a, out_a.data()},
                               {&b, first_b, roc_b, out_b.data()});
        EXPECT_EQ(out_a, reference(key_a, first_a, roc_a)) << len_a << " with " << len_b;
        EXPECT_EQ(out_b, reference(key_b, first_b, roc_b)) << len_b << " with " << len_a;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Paths, HmacSha1Test, ::testing::Bool(),
                         [](const auto& path) { return path.param ? "ShaNi" : "OpenSsl"; });

}  // namespace
}  // namespace rr::srtp
