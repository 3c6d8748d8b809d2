// Per-SSRC SRTP state of one session in a fixed table: a relay stream normally carries one
// SSRC (two around a re-INVITE), so a few slots searched linearly beat any allocation.
// libsrtp keeps an unbounded list instead; here, when every slot is taken, the least recently
// used SSRC gives its slot up (its ROC and replay state restart if it ever comes back).
// Inbound, a new SSRC gets a slot only once its first packet authenticates, so forged packets
// cannot evict anyone.
#pragma once

#include <array>
#include <cstdint>

#include "relay/srtp/replay.hpp"

namespace rr::srtp {

struct SsrcState {
  uint32_t ssrc = 0;
  RtpReplay rtp;
  SrtcpReplay rtcp_in;    // inbound sessions
  SrtcpCounter rtcp_out;  // outbound sessions
};

class SsrcStreams {
 public:
  static constexpr size_t kSlots = 4;
  static_assert(kSlots >= 2, "first_slot_end() names the second slot");

  // The state for `ssrc`, or nullptr when it has none yet.
  SsrcState* find(uint32_t ssrc) noexcept {
    for (size_t i = 0; i < used_; ++i) {
      if (slots_[i].state.ssrc == ssrc) {
        slots_[i].last_use = ++clock_;
        return &slots_[i].state;
      }
    }
    return nullptr;
  }

  // Stores `state` (a fresh SSRC's state after its first packet), evicting the least recently used.
  SsrcState& insert(const SsrcState& state) noexcept {
    size_t victim = used_;
    if (used_ == kSlots) {
      victim = 0;
      for (size_t i = 1; i < kSlots; ++i)
        if (slots_[i].last_use < slots_[victim].last_use) victim = i;
    } else {
      ++used_;
    }
    slots_[victim] = {state, ++clock_};
    return slots_[victim].state;
  }

  size_t size() const noexcept { return used_; }
  // Where the first slot ends: find() for a stream's usual single SSRC reads up to here.
  const uint8_t* first_slot_end() const noexcept { return reinterpret_cast<const uint8_t*>(&slots_[1]); }

 private:
  struct Slot {
    SsrcState state;
    uint64_t last_use = 0;
  };
  // The counters first: find() reads them, then the slots in order.
  size_t used_ = 0;
  uint64_t clock_ = 0;
  std::array<Slot, kSlots> slots_{};
};

}  // namespace rr::srtp
