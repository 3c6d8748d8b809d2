// Source learning ("latching"): which source addresses a stream accepts, and when the relay
// may change the destination of the reverse direction to follow them.
//
// Learning is bounded by a window that opens with the stream's first packet (or a relearn
// request from control) and closes after N packets or T milliseconds, whichever comes first.
// After it closes nobody can move the latch, so a stranger who sprays packets at a relay port
// of a running call cannot hijack its media ("RTP Bleed"). Media handover (a phone changing
// networks mid-call) is the deliberate exception: control re-opens the window, or sets
// `media_handover` to let any source take over at any time, as rtpengine's flag does.
#pragma once

#include <cstdint>

#include "relay/packet/address.hpp"

namespace rr::table {

enum class LearningPolicy : uint8_t {
  symmetric,      // latch to the sender inside the window; afterwards accept anyone, latch frozen
  asymmetric,     // never latch: the destination stays what SDP said; accept any source
  strict_source,  // the first sender in the window latches; afterwards drop every other source
};

struct LearningWindow {
  uint32_t max_packets = 5;    // packets after which the window closes
  uint32_t max_ms = 3000;      // milliseconds after the first packet after which it closes
};

struct LearningConfig {
  LearningPolicy policy = LearningPolicy::symmetric;
  LearningWindow window;
  bool media_handover = false;  // any new source re-latches at any time (opt-in, weakens Bleed protection)
};

// Worker-private learning progress of one stream; written only by the receiving worker.
struct LearningState {
  uint64_t window_start_ms = 0;
  uint32_t packets_in_window = 0;
  uint32_t relearn_seen = 0;  // last control relearn request acted upon
  bool started = false;
  bool latched = false;       // a packet has latched since the window (re)opened
  Endpoint source;            // worker copy of the latched source: compared per packet without the seqlock
};

enum class SourceVerdict : uint8_t {
  accept,        // forward; the latch is unchanged
  accept_latch,  // forward, and publish `source` as the new latched endpoint
  drop,          // strict source and not the latched sender: count as wrong_source
};

// Pure decision for one packet from `source` at `now_ms`; updates `state` and returns what to do.
// `relearn_requests` is control's counter (StreamState::relearn_requests) read once per packet.
SourceVerdict learn(const LearningConfig& config, LearningState& state, const Endpoint& source,
                    uint64_t now_ms, uint32_t relearn_requests) noexcept;

}  // namespace rr::table
