// Small tokenizing helpers shared by the SDP parser and rewriter.
#pragma once

#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rr::sdp::text {

// Space-separated fields; runs of spaces count as one (RFC 4566 says one, peers vary).
inline std::vector<std::string_view> fields(std::string_view s) {
  std::vector<std::string_view> out;
  out.reserve(8);  // o=, m= and most a= lines fit: one allocation, not a regrowth per field
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t start = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

// A whole-field unsigned decimal that fits in T; anything else is nullopt.
template <class T>
std::optional<T> number(std::string_view s) {
  T value{};
  if (s.empty()) return std::nullopt;  // from_chars rejects signs and out-of-range values
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

// Splits "name:value" of an a= line; `value` is empty for flag attributes.
struct Attribute {
  std::string_view name, value;
};
inline Attribute attribute(std::string_view line) {
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return {line, {}};
  return {line.substr(0, colon), line.substr(colon + 1)};
}

}  // namespace rr::sdp::text
