// HMAC-SHA1 on both paths (SHA-NI and OpenSSL's SHA-1) and compute_group against OpenSSL's
// one-shot HMAC(), over every length class the block layout has: first's whole blocks in
// place, a tail of one or two blocks, second across the boundary, keys longer than a block.
#include "relay/srtp/hmac_sha1.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdint>
#include <random>
#include <span>
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

// compute()'s digest, after checking that compute_group gives it too: in groups of two and
// three with itself, and in every position of groups with longer and shorter messages, whose
// lanes end before or after its own (compute() is OpenSSL's SHA-1; a group, SHA-NI's).
Bytes ours(const HmacSha1& hmac, const Bytes& first, const Bytes& second) {
  Bytes out(kSha1Len);
  hmac.compute(first, second, out.data());
  const Bytes longer(first.size() + 70, 0x5a), shorter;
  std::vector<HmacSha1::Job> group;
  std::vector<Bytes> outs;
  const auto check = [&](const std::vector<const Bytes*>& firsts) {
    outs.assign(firsts.size(), Bytes(kSha1Len));
    group.clear();
    for (size_t i = 0; i < firsts.size(); ++i) {
      const bool mine = firsts[i] == &first;
      group.push_back({&hmac, *firsts[i],
                       mine ? std::span<const uint8_t>(second) : std::span<const uint8_t>(),
                       outs[i].data()});
    }
    HmacSha1::compute_group(group);
    for (size_t i = 0; i < firsts.size(); ++i) {
      if (firsts[i] != &first) continue;
      EXPECT_EQ(outs[i], out) << "position " << i << " of " << firsts.size();
    }
  };
  check({&first, &first});
  check({&longer, &first});
  check({&first, &longer});
  check({&first, &first, &first});
  check({&first, &longer, &shorter});
  check({&shorter, &first, &longer});
  check({&longer, &shorter, &first});
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

// Three keys, messages of every combination of block counts (the longer ones' rest runs in
// fewer lanes), each digest as OpenSSL gives it, in groups of two and three; and groups
// mixing SHA-NI keys with an OpenSSL one.
TEST_P(HmacSha1Test, GroupEqualsSeparateComputes) {
  std::mt19937 rng(11);
  const Bytes keys[] = {random_bytes(rng, 20), random_bytes(rng, 20), random_bytes(rng, 20)};
  const size_t lengths[] = {0, 12, 51, 52, 63, 64, 115, 116, 172, 180, 236, 1200};
  for (const bool last_sha_ni : {true, false}) {
    HmacSha1 hmacs[3];
    for (size_t i = 0; i < 3; ++i) hmacs[i].init(keys[i], i == 2 ? last_sha_ni : GetParam());
    for (size_t len_a : lengths) {
      for (size_t len_b : lengths) {
        for (size_t len_c : lengths) {
          const size_t lens[] = {len_a, len_b, len_c};
          Bytes firsts[3], rocs[3], outs[3];
          HmacSha1::Job jobs[3];
          for (size_t i = 0; i < 3; ++i) {
            firsts[i] = random_bytes(rng, lens[i]);
            rocs[i] = random_bytes(rng, 4);
            outs[i] = Bytes(kSha1Len);
            jobs[i] = {&hmacs[i], firsts[i], rocs[i], outs[i].data()};
          }
          // Groups of three, then of two (the third key sits out).
          for (const size_t n : {size_t{3}, size_t{2}}) {
            HmacSha1::compute_group(std::span(jobs, n));
            for (size_t i = 0; i < n; ++i)
              EXPECT_EQ(outs[i], reference(keys[i], firsts[i], rocs[i]))
                  << "group of " << n << ", lane " << i << ": " << len_a << " " << len_b << " "
                  << len_c;
          }
        }
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Paths, HmacSha1Test, ::testing::Bool(),
                         [](const auto& path) { return path.param ? "ShaNi" : "OpenSsl"; });

}  // namespace
}  // namespace rr::srtp
