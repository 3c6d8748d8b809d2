// Small tokenizers for SDES attribute text: no allocation beyond the returned views.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace rr::sdes {

// Split on `separator`, keeping empty fields (so "a||b" has an empty middle field).
std::vector<std::string_view> split(std::string_view text, char separator);
// Split on runs of spaces and tabs, dropping empty fields.
std::vector<std::string_view> split_spaces(std::string_view text);
// Decimal digits only (no sign, no spaces, no leading '+'), value <= max.
std::optional<uint64_t> parse_uint(std::string_view text, uint64_t max);

}  // namespace rr::sdes
