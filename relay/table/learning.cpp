#include "relay/table/learning.hpp"

#include <cstdint>

namespace rr::table {
namespace {

// packets_in_window once the window has closed: closing is for good (the count and the clock
// only grow) until a relearn request reopens it, so from then on a packet reads neither the
// window's limits nor its start. Why: max_ms sits on the entry's second cache line, which a
// steady-state packet then never touches (relay/worker/forward.cpp prefetches only the first).
constexpr uint32_t kWindowClosed = UINT32_MAX;

bool window_open(const LearningWindow& window, LearningState& state, uint64_t now_ms) {
  if (state.packets_in_window == kWindowClosed) return false;
  // A burst stamped before the window opened (another worker's clock): closed for this
  // packet, as before, but not for good.
  if (now_ms < state.window_start_ms) return false;
  if (state.packets_in_window < window.max_packets && now_ms - state.window_start_ms < window.max_ms)
    return true;
  state.packets_in_window = kWindowClosed;
  return false;
}

}  // namespace

SourceVerdict learn(const LearningConfig& config, LearningState& state, const Endpoint& source,
                    uint64_t now_ms, uint32_t relearn_requests) noexcept {
  if (config.policy == LearningPolicy::asymmetric) return SourceVerdict::accept;

  if (!state.started || state.relearn_seen != relearn_requests) {
    state.started = true;
    state.relearn_seen = relearn_requests;
    state.window_start_ms = now_ms;
    state.packets_in_window = 0;
    state.latched = false;
  }
  const bool open = window_open(config.window, state, now_ms);
  if (open) ++state.packets_in_window;
  const bool same = state.latched && state.source == source;

  if (same) return SourceVerdict::accept;
  // Strict: the first sender of the window owns the stream; later ones are strangers even
  // inside the window. Symmetric: the newest sender inside the window wins (NAT rebinding
  // during call setup), so a late-starting real endpoint still takes over from early noise.
  const bool may_latch = config.media_handover ||
                         (open && (config.policy == LearningPolicy::symmetric || !state.latched));
  if (may_latch) {
    state.latched = true;
    state.source = source;
    return SourceVerdict::accept_latch;
  }
  return config.policy == LearningPolicy::strict_source ? SourceVerdict::drop : SourceVerdict::accept;
}

}  // namespace rr::table
