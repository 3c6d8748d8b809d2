// The hot-path rule, checked: protect and unprotect allocate nothing. Every allocation
// libcrypto makes goes through CRYPTO_set_mem_functions' hook, and every C++ one through the
// replaced operator new (tests/support/counting_new.cpp); both count while a flag is up.
// (Debian's libsrtp2 made 8 allocations per AES-CM protect: README.)
#include <gtest/gtest.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <tuple>
#include <vector>

#include "relay/srtp/keygen.hpp"
#include "relay/srtp/session.hpp"
#include "tests/support/counting_new.hpp"

namespace {

using rr::test_support::allocations;
using rr::test_support::counting;

void* counted_malloc(size_t n, const char*, int) {
  if (counting) ++allocations;
  return std::malloc(n);
}
void* counted_realloc(void* p, size_t n, const char*, int) {
  if (counting) ++allocations;
  return std::realloc(p, n);
}
void counted_free(void* p, const char*, int) { std::free(p); }

// Before main: libcrypto refuses a new allocator once it has allocated anything.
const bool hooked = CRYPTO_set_mem_functions(counted_malloc, counted_realloc, counted_free) == 1;

}  // namespace

namespace rr::srtp {
namespace {

using Bytes = std::vector<uint8_t>;

// Counts what `work` allocates.
template <class Work>
long allocations_in(Work&& work) {
  allocations = 0;
  counting = true;
  work();
  counting = false;
  return allocations;
}

// Every suite, without and with a 4-byte MKI.
class EverySuite : public testing::TestWithParam<std::tuple<SuiteInfo, size_t>> {};

TEST_P(EverySuite, ProtectAndUnprotectAllocateNothing) {
  ASSERT_TRUE(hooked) << "libcrypto allocated before the hook was installed";
  const auto& [suite, mki_len] = GetParam();
  KeyMaterial key = *generate_key(suite.suite);
  if (mki_len > 0) key.mki = *Mki::from_value(0x0A0B0C0D, mki_len);
  SessionParams params{key, Direction::outbound, std::nullopt, false};
  std::optional<SrtpSession> out, in;
  // The hook is live: an OpenSSL cipher context allocates. (An AES-CM session with AES-NI
  // allocates nothing in libcrypto, so creating one would not show it.)
  EXPECT_GT(allocations_in([] { EVP_CIPHER_CTX_free(EVP_CIPHER_CTX_new()); }), 0);
  out = std::move(SrtpSession::create(params).session);
  params.direction = Direction::inbound;
  in = std::move(SrtpSession::create(params).session);
  ASSERT_TRUE(out && in);

  Bytes rtp(256, 0xD5), forged(256), rtcp(256, 0);
  const Bytes rtcp_plain{0x80, 0xc9, 0x00, 0x01, 0x12, 0x34, 0x56, 0x78};
  rtp[0] = 0x80;
  size_t failures = 0;
  const long counted = allocations_in([&] {
    for (uint16_t seq = 0; seq < 1000; ++seq) {
      rtp[2] = static_cast<uint8_t>(seq >> 8), rtp[3] = static_cast<uint8_t>(seq);
      // Every other packet leaves its tag pending, as the worker's do, then completes it.
      PendingTag tag{};
      const SrtpResult p = seq % 2 ? out->protect(rtp.data(), 172, rtp.size(), tag)
                                   : out->protect(rtp.data(), 172, rtp.size());
      if (tag.pending()) complete(tag);
      // A forged copy is rejected (authentication, not replay) without allocating either.
      std::copy(rtp.begin(), rtp.end(), forged.begin());
      forged[20] ^= 1;
      failures += in->unprotect(forged.data(), p.len).error != SrtpError::auth_fail;
      if (mki_len > 0) {  // and so is a copy naming another master key
        std::copy(rtp.begin(), rtp.end(), forged.begin());
        forged[p.len - 1 - (suite.aead ? 0 : suite.rtp_tag_len)] ^= 1;
        failures += in->unprotect(forged.data(), p.len).error != SrtpError::auth_fail;
      }
      failures += !p.ok() || !in->unprotect(rtp.data(), p.len).ok();
      std::copy(rtcp_plain.begin(), rtcp_plain.end(), rtcp.begin());
      const SrtpResult pc = out->protect_rtcp(rtcp.data(), rtcp_plain.size(), rtcp.size());
      failures += !pc.ok() || !in->unprotect_rtcp(rtcp.data(), pc.len).ok();
    }
  });
  EXPECT_EQ(failures, 0U);
  EXPECT_EQ(counted, 0) << "allocations in 1000 x (protect, forged and genuine unprotect, SRTCP pair)";

  // Three pending tags completed together (HmacSha1::compute_group).
  Bytes second(256, 0xD5), third(256, 0xD5);
  second[0] = third[0] = 0x80;
  const long grouped = allocations_in([&] {
    for (uint16_t seq = 1000; seq < 2500; seq += 3) {
      Bytes* packets[] = {&rtp, &second, &third};
      PendingTag tags[3]{};
      SrtpResult results[3];
      for (size_t i = 0; i < 3; ++i) {
        const auto s = static_cast<uint16_t>(seq + i);
        (*packets[i])[2] = static_cast<uint8_t>(s >> 8), (*packets[i])[3] = static_cast<uint8_t>(s);
        results[i] = out->protect(packets[i]->data(), 172, packets[i]->size(), tags[i]);
      }
      PendingTag* pending[] = {&tags[0], &tags[1], &tags[2]};
      if (tags[0].pending() && tags[1].pending() && tags[2].pending()) complete(pending);
      for (size_t i = 0; i < 3; ++i)
        failures += !results[i].ok() || !in->unprotect(packets[i]->data(), results[i].len).ok();
    }
  });
  EXPECT_EQ(failures, 0U);
  EXPECT_EQ(grouped, 0)
      << "allocations in 500 x (three protects, their tags completed together, three unprotects)";
}

INSTANTIATE_TEST_SUITE_P(Suites, EverySuite, testing::Combine(testing::ValuesIn(kSuites), testing::Values(size_t{0}, size_t{4})),
                         [](const auto& param_info) {
                           return std::string(std::get<0>(param_info.param).sdes_name) +
                                  (std::get<1>(param_info.param) ? "_mki" : "");
                         });

}  // namespace
}  // namespace rr::srtp
