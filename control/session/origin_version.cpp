#include "control/session/origin_version.hpp"

#include <charconv>

namespace rr::session {
namespace {

std::optional<uint64_t> parse_version(const std::string& text) {
  uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

Outcome<std::string> rewritten(const sdp::Sdp& sdp, const sdp::RewritePlan& plan) {
  sdp::Result<std::string> text = sdp::rewrite(sdp, plan);
  if (!text) return Error{ErrorKind::bad_request, text.error()};
  return std::move(*text);
}

}  // namespace

Outcome<std::string> render_sdp(const sdp::Sdp& sdp, sdp::RewritePlan& plan, bool replace_version,
                                OriginVersion& state) {
  if (replace_version && !state.version) state.version = parse_version(sdp.origin.session_version);
  if (!replace_version || !state.version) return rewritten(sdp, plan);
  plan.origin_version = *state.version;
  Outcome<std::string> text = rewritten(sdp, plan);
  if (!text) return text;
  // Rendered with the version last sent, so only a real change compares unequal (rtpengine
  // compares the same way; the peer's own version bump alone changes nothing).
  if (!state.last_sdp.empty() && text.value() != state.last_sdp) {
    plan.origin_version = ++*state.version;
    text = rewritten(sdp, plan);
    if (!text) return text;
  }
  state.last_sdp = text.value();
  return text;
}

}  // namespace rr::session
