// The RTP clock of an m= line, for the data plane's jitter figures: the first payload
// type's a=rtpmap rate, or RFC 3551's for static payload types.
#pragma once

#include <cstdint>

#include "control/sdp/sdp.hpp"

namespace rr::session {

inline constexpr uint32_t kDefaultClockRate = 8000;  // G.711, the common case

// kDefaultClockRate when nothing says otherwise (no formats, unknown dynamic type).
uint32_t clock_rate_of(const sdp::Media& media);

}  // namespace rr::session
