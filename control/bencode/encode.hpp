// Bencode encoder: the inverse of decode(); dictionaries keep their order.
#pragma once

#include <string>

#include "control/bencode/value.hpp"

namespace rr::bencode {

// Appends to `out`, so a reply can be built after its cookie without another copy.
void encode(const Value& value, std::string& out);
std::string encode(const Value& value);

}  // namespace rr::bencode
