// Bencode decoder. Accepts exactly one value covering the whole input, in canonical form
// (no leading zeros, no "-0"), so that decode → encode gives back the same bytes.
#pragma once

#include <string_view>

#include "control/bencode/limits.hpp"

namespace rr::bencode {

DecodeResult decode(std::string_view input, const Limits& limits = {});

}  // namespace rr::bencode
