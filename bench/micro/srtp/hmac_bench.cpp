// ns per HMAC-SHA1 of an SRTP packet (a 172-byte G.711 RTP packet + its 4-byte ROC, RFC 3711
// 4.2) with N = 1, 2 or 3 computed together (HmacSha1::compute_group), reported per HMAC:
// one SHA-1 chain is latency-bound and several interleave (relay/srtp/sha1_ni.hpp). N = 1
// is compute(), OpenSSL's SHA-1: the worker's lone tag and every unprotect check.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "relay/srtp/hmac_sha1.hpp"

namespace rr::srtp {
namespace {

constexpr size_t kRtpLen = 172;

void BM_HmacGroup(benchmark::State& state) {
  const auto n = static_cast<size_t>(state.range(0));
  HmacSha1 hmac;
  const std::array<uint8_t, 20> key{1,  2,  3,  4,  5,  6,  7,  8,  9,  10,
                                    11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
  hmac.init(key);
  if (!hmac.uses_sha_ni()) state.SetLabel("no SHA-NI: one HMAC at a time");
  std::vector<std::vector<uint8_t>> packets(n, std::vector<uint8_t>(kRtpLen, 0xD5));
  const std::array<uint8_t, 4> roc{};
  std::vector<std::array<uint8_t, kSha1Len>> macs(n);
  std::vector<HmacSha1::Job> jobs(n);
  for (size_t i = 0; i < n; ++i) {
    packets[i][3] = static_cast<uint8_t>(i);
    jobs[i] = {&hmac, packets[i], roc, macs[i].data()};
  }
  for (auto _ : state) {
    HmacSha1::compute_group(jobs);
    benchmark::DoNotOptimize(macs.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
}
BENCHMARK(BM_HmacGroup)->DenseRange(1, static_cast<int>(HmacSha1::kMaxGroup));

}  // namespace
}  // namespace rr::srtp
