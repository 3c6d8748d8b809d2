// Internal to rr_bencode: the state both decoders share — input cursor, limits, item count —
// and their error convention: the first error wins, reported as "<codec>: <what> at <offset>".
#pragma once

#include <string>
#include <string_view>

#include "control/bencode/limits.hpp"

namespace rr::bencode::detail {

class DecoderBase {
 protected:
  DecoderBase(const char* codec, std::string_view in, const Limits& limits)
      : in_(in), limits_(limits), codec_(codec) {}

  // Returns false so that parse steps can `return error(...)`.
  bool error(const char* what, size_t at) {
    what_ = what;
    at_ = at;
    return false;
  }
  DecodeResult fail(const char* what, size_t at) {
    error(what, at);
    return failed();
  }
  DecodeResult failed() const {
    DecodeResult r;
    r.error = std::string(codec_) + ": " + what_ + " at " + std::to_string(at_);
    return r;
  }
  // Every value counts against Limits::max_items, before it is parsed.
  bool count_item() { return ++items_ <= limits_.max_items || error("too many items", pos_); }
  bool too_deep(size_t depth) { return depth >= limits_.max_depth && !error("nesting too deep", pos_); }

  std::string_view in_;
  const Limits& limits_;
  size_t pos_ = 0;

 private:
  const char* codec_;
  size_t items_ = 0;
  const char* what_ = "";
  size_t at_ = 0;
};

}  // namespace rr::bencode::detail
