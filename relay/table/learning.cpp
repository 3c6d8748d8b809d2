#include "relay/table/learning.hpp"

namespace rr::table {
namespace {

bool window_open(const LearningWindow& window, const LearningState& state, uint64_t now_ms) {
  return state.packets_in_window < window.max_packets &&
         now_ms - state.window_start_ms < window.max_ms;
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
