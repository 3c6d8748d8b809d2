// SRTP packet index and replay state for one SSRC (RFC 3711 3.3.1, Appendix A), with the
// same decisions as libsrtp2 so that either end may be libsrtp: the index of an SRTP packet is
// guessed from its 16-bit sequence number against the highest index accepted so far, and a
// 64-packet sliding window rejects repeats; SRTCP carries its 31-bit index explicitly and
// keeps a 128-index window whose start only moves once an index falls past its end.
#pragma once

#include <bitset>
#include <cstdint>

namespace rr::srtp {

enum class ReplayVerdict : uint8_t { fresh, replayed, too_old };

// Pure functions of the state: guess and check first, accept() only once the packet is authentic.
class RtpReplay {
 public:
  static constexpr int kWindow = 64;

  struct Guess {
    uint64_t index;  // 48-bit ROC << 16 | SEQ
    int64_t delta;   // index minus the highest accepted index
    uint32_t roc() const { return static_cast<uint32_t>(index >> 16); }
  };
  Guess estimate(uint16_t seq) const noexcept;
  ReplayVerdict check(int64_t delta) const noexcept;
  void accept(int64_t delta) noexcept;

 private:
  uint64_t highest_ = 0;  // starts at 0: the first packet's index is its SEQ (ROC 0)
  uint64_t seen_ = 0;     // bit k: index highest_ - k was accepted
};

class SrtcpReplay {
 public:
  static constexpr uint32_t kMaxIndex = 0x7FFFFFFF;

  ReplayVerdict check(uint32_t index) const noexcept;
  void accept(uint32_t index) noexcept;

 private:
  uint32_t start_ = 0;        // the window covers [start_, start_ + 127]
  std::bitset<128> seen_{};   // bit i: index start_ + i
};

// The sender's SRTCP index: 1, 2, ... up to 2^31 - 1, then the key is exhausted.
class SrtcpCounter {
 public:
  bool next(uint32_t& index) noexcept {
    if (last_ >= SrtcpReplay::kMaxIndex) return false;
    index = ++last_;
    return true;
  }

 private:
  uint32_t last_ = 0;
};

}  // namespace rr::srtp
