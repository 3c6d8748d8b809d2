#include "relay/srtp/replay.hpp"

namespace rr::srtp {
namespace {

constexpr int64_t kSeqMedian = 1 << 15;
constexpr int64_t kSeqSpan = 1 << 16;

}  // namespace

// RFC 3711 Appendix A. While the highest index is below 2^15 the ROC stays 0: there is no
// earlier epoch to guess, and a ROC of -1 would not exist (libsrtp's rdbx does the same).
RtpReplay::Guess RtpReplay::estimate(uint16_t seq) const noexcept {
  const auto highest = static_cast<int64_t>(highest_);
  if (highest <= kSeqMedian) return {seq, int64_t{seq} - highest};
  const int64_t local_seq = highest & 0xFFFF;
  int64_t roc = highest >> 16;
  int64_t delta = int64_t{seq} - local_seq;
  if (local_seq < kSeqMedian) {
    if (delta > kSeqMedian) --roc, delta -= kSeqSpan;
  } else if (local_seq - kSeqMedian > int64_t{seq}) {
    ++roc, delta += kSeqSpan;
  }
  // The ROC is 32 bits: it wraps like libsrtp's, keeping the index 48 bits wide.
  const uint64_t index = (static_cast<uint64_t>(roc) & 0xFFFFFFFF) << 16 | seq;
  return {index, delta};
}

ReplayVerdict RtpReplay::check(int64_t delta) const noexcept {
  if (delta > 0) return ReplayVerdict::fresh;
  if (delta <= -kWindow) return ReplayVerdict::too_old;
  return (seen_ >> -delta) & 1 ? ReplayVerdict::replayed : ReplayVerdict::fresh;
}

void RtpReplay::accept(int64_t delta) noexcept {
  if (delta > 0) {
    highest_ += static_cast<uint64_t>(delta);
    seen_ = (delta >= kWindow ? 0 : seen_ << delta) | 1;
  } else if (delta > -kWindow) {
    seen_ |= uint64_t{1} << -delta;
  }
}

ReplayVerdict SrtcpReplay::check(uint32_t index) const noexcept {
  if (index >= uint64_t{start_} + seen_.size()) return ReplayVerdict::fresh;
  if (index < start_) return ReplayVerdict::too_old;
  return seen_.test(index - start_) ? ReplayVerdict::replayed : ReplayVerdict::fresh;
}

void SrtcpReplay::accept(uint32_t index) noexcept {
  if (index < start_) return;
  const uint32_t offset = index - start_;
  if (offset < seen_.size()) {
    seen_.set(offset);
    return;
  }
  const uint32_t shift = offset - static_cast<uint32_t>(seen_.size() - 1);  // index becomes the last bit
  seen_ >>= shift;
  seen_.set(seen_.size() - 1);
  start_ += shift;
}

}  // namespace rr::srtp
