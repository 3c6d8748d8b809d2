// Base64 (RFC 4648 section 4, the alphabet RFC 4568 uses for inline keys).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rr::sdes {

std::string base64_encode(std::span<const uint8_t> bytes);

// Strict: only the standard alphabet, '=' only at the end and only as much as the length
// needs, unused trailing bits zero (one text per byte string). Missing padding is
// accepted, because common SDES implementations omit it. nullopt on any violation.
std::optional<std::vector<uint8_t>> base64_decode(std::string_view text);

}  // namespace rr::sdes
