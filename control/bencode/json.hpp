// JSON codec over the same value model: rtpengine accepts a JSON object as ng body and
// replies in JSON then. JSON has more types than bencode, mapped as follows:
//   true / false -> integer 1 / 0 (bencode has no booleans; rtpengine replies use integers)
//   null         -> the key (or list element) is left out, i.e. "absent"
//   fractions and exponents are refused: no ng key takes a non-integer number
// Strings are byte strings: escapes are decoded to UTF-8, other bytes pass through unchanged.
#pragma once

#include <string>
#include <string_view>

#include "control/bencode/limits.hpp"

namespace rr::bencode {

DecodeResult decode_json(std::string_view input, const Limits& limits = {});

// Compact JSON (no spaces). Bytes >= 0x80 are copied as they are, control bytes escaped.
void encode_json(const Value& value, std::string& out);
std::string encode_json(const Value& value);

}  // namespace rr::bencode
