// a= lines: fills the session or media model from one attribute.
// Returns nullptr, or a short static error text for a malformed known attribute.
// Unknown attributes are fine: they stay in Sdp::lines untouched.
#pragma once

#include <string_view>

#include "control/sdp/sdp.hpp"

namespace rr::sdp::detail {

const char* apply_session_attribute(std::string_view value, Sdp& sdp);
const char* apply_media_attribute(std::string_view value, Media& media);

// True for the attributes that "ICE remove" strips (RFC 8839 names).
bool is_ice_attribute(std::string_view name);
std::optional<Direction> direction_from(std::string_view name);

}  // namespace rr::sdp::detail
