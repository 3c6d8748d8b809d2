// HMAC-SHA1 (RFC 2104) for SRTP authentication from the SHA-1 chaining values of the key's
// inner and outer pads, computed once per session: a packet hashes only its own bytes, with
// no allocation. One packet resumes OpenSSL's SHA1_* calls from the chaining values;
// compute_group, with SHA-NI (sha1_ni.hpp), interleaves up to three packets' HMACs. Only the 2 x 20
// bytes are kept, not two 96-byte SHA_CTX: they are among the bytes the worker prefetches per
// converting packet (SrtpSession::rtp_hot_bytes). OpenSSL 3's EVP_MAC re-keys by duplicating
// provider contexts, which allocates per packet; the low-level SHA1_* calls do not.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "relay/srtp/sha1_ni.hpp"

namespace rr::srtp {

inline constexpr size_t kSha1Len = 20;

class HmacSha1 {
 public:
  HmacSha1() = default;
  HmacSha1(const HmacSha1&) = default;
  HmacSha1& operator=(const HmacSha1&) = default;
  ~HmacSha1();  // wipes the chaining values (they stand for the key)

  // Any key length (SRTP derives 20-byte keys); longer than 64 bytes is hashed first.
  // `sha_ni` false keeps compute_group on OpenSSL's SHA-1 even where the CPU has SHA-NI (tests).
  void init(std::span<const uint8_t> key, bool sha_ni = true) noexcept;
  bool uses_sha_ni() const noexcept { return sha_ni_; }
  // HMAC over first || second into `out` (the full 20 bytes; SRTP truncates).
  void compute(std::span<const uint8_t> first, std::span<const uint8_t> second, uint8_t* out) const noexcept;

  // One HMAC of compute_group: `key`'s HMAC over first || second into `out`.
  struct Job {
    const HmacSha1* key = nullptr;
    std::span<const uint8_t> first, second;
    uint8_t* out = nullptr;
  };
  // The same bytes as each job's key->compute(...) in turn, for 1..kMaxGroup jobs. With
  // SHA-NI for every key, the jobs' SHA-1 chains are interleaved: per block, ~24 ns each for
  // two and ~18 for three, against ~34-40 for one chain alone (sha1_ni.hpp).
  static constexpr size_t kMaxGroup = kSha1Lanes;
  static void compute_group(std::span<const Job> jobs) noexcept;

 private:
  Sha1State inner_{}, outer_{};  // SHA-1 after the 64-byte ipad / opad block
  bool sha_ni_ = false;
};

}  // namespace rr::srtp
