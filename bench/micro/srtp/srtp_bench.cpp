// ns per packet for SRTP protect and unprotect of a 172-byte G.711 RTP packet
// (12-byte header + 160-byte payload), per crypto suite, for relay/srtp's OpenSSL sessions
// and for libsrtp2 (Debian's, built on NSS) behind the same API, in the same run: compare
// BM_Protect<Ours> with BM_Protect<Libsrtp> row by row. Each protect iteration includes a
// 172-byte memcpy to restore the plaintext (a few ns), as the worker never re-protects a
// buffer in place either. The second argument is the MKI length (0: none; 4: a 4-byte MKI
// written after the payload and checked on unprotect), so the MKI's cost reads row by row too.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "relay/srtp/keygen.hpp"
#include "relay/srtp/session.hpp"
#include "tests/unit/srtp/libsrtp_oracle.hpp"

namespace rr::srtp {
namespace {

constexpr size_t kRtpLen = 172;
constexpr size_t kCapacity = 256;

struct Ours {
  static std::optional<SrtpSession> make(const SessionParams& params) { return SrtpSession::create(params).session; }
};
struct Libsrtp {
  static std::unique_ptr<oracle::LibsrtpSession> make(const SessionParams& params) {
    return oracle::LibsrtpSession::create(params);
  }
};

std::vector<uint8_t> g711_packet() {
  std::vector<uint8_t> p{0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x12, 0x34, 0x56, 0x78};
  p.resize(kRtpLen, 0xD5);
  return p;
}

void set_seq(uint8_t* packet, uint32_t n) {
  packet[2] = static_cast<uint8_t>(n >> 8);
  packet[3] = static_cast<uint8_t>(n);
  const uint32_t ts = n * 160;
  packet[4] = static_cast<uint8_t>(ts >> 24), packet[5] = static_cast<uint8_t>(ts >> 16);
  packet[6] = static_cast<uint8_t>(ts >> 8), packet[7] = static_cast<uint8_t>(ts);
}

// The suite's key, with an MKI of state.range(1) bytes.
KeyMaterial key_for(const benchmark::State& state) {
  KeyMaterial key = *generate_key(static_cast<CryptoSuite>(state.range(0)));
  if (state.range(1) > 0) key.mki = *Mki::from_value(1, static_cast<size_t>(state.range(1)));
  return key;
}

std::string label(const benchmark::State& state) {
  return std::string(info(static_cast<CryptoSuite>(state.range(0))).sdes_name) +
         (state.range(1) > 0 ? " MKI " + std::to_string(state.range(1)) : "");
}

template <class Impl>
auto make(const KeyMaterial& key, Direction direction) {
  return Impl::make({key, direction, std::nullopt, false});
}

template <class Impl>
void BM_Protect(benchmark::State& state) {
  auto out = make<Impl>(key_for(state), Direction::outbound);
  const std::vector<uint8_t> plain = g711_packet();
  alignas(64) uint8_t buf[kCapacity];
  uint32_t n = 0;
  for (auto _ : state) {
    std::memcpy(buf, plain.data(), kRtpLen);
    set_seq(buf, n++);
    const SrtpResult r = out->protect(buf, kRtpLen, kCapacity);
    benchmark::DoNotOptimize(r);
    if (!r.ok()) state.SkipWithError("protect failed");
  }
  state.SetLabel(label(state));
  state.SetItemsProcessed(state.iterations());
}

template <class Impl>
void BM_Unprotect(benchmark::State& state) {
  const KeyMaterial key = key_for(state);
  auto out = make<Impl>(key, Direction::outbound);
  auto in = make<Impl>(key, Direction::inbound);
  // Batches of consecutive packets protected outside the timed region (the replay
  // window forbids unprotecting the same packet twice).
  constexpr size_t kBatch = 4096;
  std::vector<uint8_t> wire(kBatch * kCapacity);
  std::vector<size_t> lens(kBatch);
  const std::vector<uint8_t> plain = g711_packet();
  uint32_t n = 0;
  size_t next = kBatch;
  for (auto _ : state) {
    if (next == kBatch) {
      state.PauseTiming();
      for (size_t i = 0; i < kBatch; ++i) {
        uint8_t* p = wire.data() + i * kCapacity;
        std::memcpy(p, plain.data(), kRtpLen);
        set_seq(p, n++);
        lens[i] = out->protect(p, kRtpLen, kCapacity).len;
      }
      next = 0;
      state.ResumeTiming();
    }
    const SrtpResult r = in->unprotect(wire.data() + next * kCapacity, lens[next]);
    ++next;
    benchmark::DoNotOptimize(r);
    if (!r.ok()) state.SkipWithError("unprotect failed");
  }
  state.SetLabel(label(state));
  state.SetItemsProcessed(state.iterations());
}

void every_suite(benchmark::internal::Benchmark* b) {
  for (const SuiteInfo& s : kSuites) {
    for (int mki_len : {0, 4}) b->Args({static_cast<int>(s.suite), mki_len});
  }
}

BENCHMARK_TEMPLATE(BM_Protect, Ours)->Apply(every_suite);
BENCHMARK_TEMPLATE(BM_Protect, Libsrtp)->Apply(every_suite);
BENCHMARK_TEMPLATE(BM_Unprotect, Ours)->Apply(every_suite);
BENCHMARK_TEMPLATE(BM_Unprotect, Libsrtp)->Apply(every_suite);

}  // namespace
}  // namespace rr::srtp
