// AES encryption with x86's AES-NI instructions, for AES-CM's keystream only: key expansion
// (FIPS-197 5.2, AES-128 and AES-256) and counter-mode blocks. The round keys live inline in
// the owner (an SRTP session), where the worker prefetches them with the session's other hot
// lines. OpenSSL keeps its key schedule behind an opaque context that nothing can prefetch:
// at 100 000 streams converting, the loads of its round keys were 23 % of the worker (perf).
// Tested against OpenSSL's AES-CTR and FIPS-197 Appendix C.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace rr::srtp {

// Whether this CPU has AES-NI (checked once). Without it AesCm uses OpenSSL.
bool aes_ni_available() noexcept;

class AesNiKey {
 public:
  AesNiKey() = default;
  AesNiKey(const AesNiKey&) = default;
  AesNiKey& operator=(const AesNiKey&) = default;
  ~AesNiKey();  // wipes the round keys

  // A 16- or 32-byte key; false for another length or without AES-NI (nothing is kept).
  bool expand(std::span<const uint8_t> key) noexcept;
  bool ready() const noexcept { return rounds_ != 0; }
  // XORs AES(IV + i) into the i-th 16 bytes of `data`, the IV a 128-bit big-endian number
  // given as its two host-order halves; the last block may be partial. Requires ready().
  void ctr_xor(uint64_t iv_high, uint64_t iv_low, std::span<uint8_t> data) const noexcept;

 private:
  static constexpr size_t kMaxRounds = 14;
  alignas(16) std::array<uint8_t, (kMaxRounds + 1) * 16> round_keys_{};
  uint8_t rounds_ = 0;  // 10 (AES-128) or 14 (AES-256); 0 before expand()
};

}  // namespace rr::srtp
