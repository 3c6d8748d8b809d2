// RFC 3711 3.1 master key identifier (MKI): bytes after the encrypted portion of every SRTP
// and SRTCP packet, naming the master key the sender used. SDES writes it as "value:length"
// (RFC 4568 6.1); on the wire it is the value big-endian in `length` bytes.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace rr::srtp {

// RFC 4568's mki-length range (1..128), and libsrtp's SRTP_MAX_MKI_LEN: anything an SDES peer
// may send. The bytes live inline, so a session never allocates for them.
inline constexpr size_t kMaxMkiLen = 128;

struct Mki {
  std::array<uint8_t, kMaxMkiLen> bytes{};
  uint8_t len = 0;  // 0: no MKI

  // `value` right-aligned in `len` bytes; nullopt when it does not fit or len is out of range.
  static constexpr std::optional<Mki> from_value(uint64_t value, size_t len) {
    if (len == 0 || len > kMaxMkiLen || (len < 8 && value >> (8 * len) != 0)) return std::nullopt;
    Mki mki;
    mki.len = static_cast<uint8_t>(len);
    for (size_t i = 0; i < std::min<size_t>(len, 8); ++i)
      mki.bytes[len - 1 - i] = static_cast<uint8_t>(value >> (8 * i));
    return mki;
  }
  // The value SDES writes: the last (at most 8) bytes; from_value() leaves the others zero.
  constexpr uint64_t value() const {
    uint64_t value = 0;
    for (size_t i = len > 8 ? len - 8u : 0u; i < len; ++i) value = value << 8 | bytes[i];
    return value;
  }
  std::span<const uint8_t> view() const { return {bytes.data(), len}; }
  explicit operator bool() const { return len != 0; }
  bool operator==(const Mki& other) const { return std::ranges::equal(view(), other.view()); }
};

}  // namespace rr::srtp
