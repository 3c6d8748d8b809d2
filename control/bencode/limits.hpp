// Limits and result type shared by the bencode and JSON decoders. Both read hostile network
// input, so every decode is bounded in depth, size and item count.
#pragma once

#include <cstddef>
#include <string>

#include "control/bencode/value.hpp"

namespace rr::bencode {

struct Limits {
  size_t max_depth = 32;        // nested lists/dictionaries; keeps recursion shallow
  size_t max_size = 64 * 1024;  // input bytes; an ng datagram never exceeds this
  size_t max_items = 8192;      // values of any kind, so a tiny input cannot build a huge tree
};

// Either a value or an error such as "bencode: unterminated string at 17".
struct DecodeResult {
  Value value;
  std::string error;  // empty on success
  bool ok() const { return error.empty(); }
};

}  // namespace rr::bencode
