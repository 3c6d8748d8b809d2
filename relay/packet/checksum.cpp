#include "relay/packet/checksum.hpp"

#include "relay/packet/bytes.hpp"

#include <bit>
#include <cstring>

namespace rr::packet {
namespace {

// Sums in the machine's byte order, then swaps once: a one's complement sum is byte-order
// independent (RFC 1071 2.B), which lets the loop load whole 64-bit words.
uint16_t native_sum(const uint8_t* p, size_t n) {
  uint64_t sum = 0;
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    sum += (w & 0xffffffffu) + (w >> 32);  // two 32-bit halves cannot overflow 64 bits
  }
  // The tail with fixed-size loads: a variable-length memcpy into a zeroed word compiled to a
  // byte loop whose 8-byte reload stalled on store forwarding (half of a 180-byte sum).
  if (n >= 4) {
    uint32_t w;
    std::memcpy(&w, p, 4);
    sum += w;  // two native 16-bit words; 2^16 = 1 (mod 0xffff), so the fold sorts them out
    p += 4, n -= 4;
  }
  if (n >= 2) {
    uint16_t w;
    std::memcpy(&w, p, 2);
    sum += w;
    p += 2, n -= 2;
  }
  if (n == 1) {  // RFC 1071 pads an odd last byte with zero: it is the word's first byte
    sum += std::endian::native == std::endian::little ? uint64_t{*p} : uint64_t{*p} << 8;
  }
  uint16_t folded = fold(sum);
  if constexpr (std::endian::native == std::endian::little) {
    folded = static_cast<uint16_t>(folded << 8 | folded >> 8);
  }
  return folded;
}

}  // namespace

uint64_t ones_sum(std::span<const uint8_t> data, uint64_t initial) {
  return initial + native_sum(data.data(), data.size());
}

uint16_t internet_checksum(std::span<const uint8_t> data) {
  return static_cast<uint16_t>(~fold(ones_sum(data)));
}

uint64_t pseudo_header_sum(const IpAddress& src, const IpAddress& dst, uint8_t protocol,
                           uint32_t length) {
  uint64_t sum = ones_sum(std::span(src.bytes.data(), src.size()));
  sum = ones_sum(std::span(dst.bytes.data(), dst.size()), sum);
  return sum + protocol + (length >> 16) + (length & 0xffff);
}

uint16_t udp_checksum(const IpAddress& src, const IpAddress& dst,
                      std::span<const uint8_t> datagram) {
  uint64_t sum = pseudo_header_sum(src, dst, 17, static_cast<uint32_t>(datagram.size()));
  auto checksum = static_cast<uint16_t>(~fold(ones_sum(datagram, sum)));
  return udp_checksum_field(checksum);
}

bool udp_checksum_ok(const IpAddress& src, const IpAddress& dst,
                     std::span<const uint8_t> datagram) {
  if (datagram.size() < 8) return false;
  // 0 means "not computed": allowed over IPv4, forbidden over IPv6 (RFC 8200 8.1).
  if (load_be16(datagram.data() + 6) == 0) return src.is_v4();
  uint64_t sum = pseudo_header_sum(src, dst, 17, static_cast<uint32_t>(datagram.size()));
  return fold(ones_sum(datagram, sum)) == 0xffff;
}

uint16_t icmpv6_checksum(const IpAddress& src, const IpAddress& dst,
                         std::span<const uint8_t> message) {
  uint64_t sum = pseudo_header_sum(src, dst, 58, static_cast<uint32_t>(message.size()));
  return static_cast<uint16_t>(~fold(ones_sum(message, sum)));
}

uint16_t checksum_update16(uint16_t checksum, uint16_t old_word, uint16_t new_word) {
  uint32_t sum = uint32_t{static_cast<uint16_t>(~checksum)} +
                 static_cast<uint16_t>(~old_word) + new_word;
  return static_cast<uint16_t>(~fold(sum));
}

uint16_t checksum_update(uint16_t checksum, std::span<const uint8_t> before,
                         std::span<const uint8_t> after) {
  // ~m summed word by word equals ~sum(m) in one's complement arithmetic.
  uint64_t sum = static_cast<uint16_t>(~checksum);
  sum += static_cast<uint16_t>(~fold(ones_sum(before)));
  sum = ones_sum(after, sum);
  return static_cast<uint16_t>(~fold(sum));
}

uint16_t checksum_add(uint16_t checksum, std::span<const uint8_t> added, bool odd_offset) {
  auto sum = fold(ones_sum(added));
  if (odd_offset) sum = static_cast<uint16_t>(sum << 8 | sum >> 8);
  return static_cast<uint16_t>(~fold(uint64_t{static_cast<uint16_t>(~checksum)} + sum));
}

}  // namespace rr::packet
