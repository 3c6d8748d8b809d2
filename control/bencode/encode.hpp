// Bencode encoder: the inverse of decode(); dictionaries keep their order.
#pragma once

#include <cstddef>
#include <string>

#include "control/bencode/value.hpp"

namespace rr::bencode {

// Appends to `out`, so a reply can be built after its cookie without another copy.
void encode(const Value& value, std::string& out);
std::string encode(const Value& value);

// The length encode() would produce, without allocating: a reply is sized once up front,
// and a size limit is checked without encoding (control/commands' stats replies).
size_t encoded_size(const Value& value);

}  // namespace rr::bencode
