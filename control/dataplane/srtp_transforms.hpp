// The SRTP half of a forwarding entry: relay/srtp sessions built from the legs' SDES keys.
// Each entry gets its own sessions (RTP and RTCP entries separately), because a session's
// replay window and rollover counter are written by the one worker receiving that stream.
#pragma once

#include <optional>

#include "control/session/forwarding.hpp"
#include "relay/table/forwarding_entry.hpp"

namespace rr::dataplane {

// Packets arriving from `from`'s peer and leaving toward `to`'s peer: unprotect with the
// sender's key when `from` is SRTP, protect with our key when `to` is. nullopt when relay/srtp
// refused a key (the media is then not published).
std::optional<table::SrtpTransforms> srtp_transforms(const session::ForwardSide& from,
                                                     const session::ForwardSide& to);

}  // namespace rr::dataplane
