// rtpengine's "replace-sdp-version" (ng: replace ["sdp-version"]): the o= session version of
// the SDP we send on for one party counts on from the party's first version, and goes up by
// one whenever what we send differs from what we sent that party's peer last time, so a
// re-offer that changes nothing keeps the version and one that changes anything bumps it
// (RFC 3264 section 8). Without the flag o= passes through, as in rtpengine.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "control/sdp/rewrite.hpp"
#include "control/sdp/sdp.hpp"
#include "control/session/outcome.hpp"

namespace rr::session {

// Per leg: the SDP this party authored, as we last sent it on, and its version there.
struct OriginVersion {
  std::optional<uint64_t> version;  // nullopt until the flag is first used
  std::string last_sdp;
};

// sdp::rewrite, plus the version rule above when `replace_version`. `plan` is the caller's
// (origin_version is set here).
Outcome<std::string> render_sdp(const sdp::Sdp& sdp, sdp::RewritePlan& plan, bool replace_version,
                                OriginVersion& state);

}  // namespace rr::session
