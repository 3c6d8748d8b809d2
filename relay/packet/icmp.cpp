#include "relay/packet/icmp.hpp"

#include "relay/packet/bytes.hpp"
#include "relay/packet/checksum.hpp"

#include <algorithm>

namespace rr::packet {
namespace {

constexpr uint16_t kIcmpEchoRequestWord = 0x0800;    // type 8, code 0
constexpr uint16_t kIcmpEchoReplyWord = 0x0000;      // type 0, code 0
constexpr uint16_t kIcmpv6EchoRequestWord = 0x8000;  // type 128, code 0
constexpr uint16_t kIcmpv6EchoReplyWord = 0x8100;    // type 129, code 0

// Swapping source and destination leaves every checksum unchanged: the sum is commutative.
void swap_fields(uint8_t* a, uint8_t* b, size_t n) { std::swap_ranges(a, a + n, b); }

}  // namespace

Result<size_t> make_echo_reply(std::span<uint8_t> frame, const FrameView& view, uint8_t ttl) {
  const bool v4 = view.kind == FrameKind::icmp_echo_request;
  if (!v4 && view.kind != FrameKind::icmpv6_echo_request) return DropReason::unhandled;
  if (frame.size() < view.frame_end() || view.payload_size < 8) return DropReason::too_short;

  swap_fields(frame.data(), frame.data() + 6, 6);
  uint8_t* ip = frame.data() + view.l3_offset;
  uint8_t* icmp = frame.data() + view.l4_offset;
  uint16_t icmp_checksum = load_be16(icmp + 2);
  if (v4) {
    swap_fields(ip + 12, ip + 16, 4);
    const uint16_t old_word = load_be16(ip + 8);  // TTL and protocol share a word
    ip[8] = ttl;
    store_be16(ip + 10, checksum_update16(load_be16(ip + 10), old_word, load_be16(ip + 8)));
    icmp_checksum = checksum_update16(icmp_checksum, kIcmpEchoRequestWord, kIcmpEchoReplyWord);
    icmp[0] = 0;
  } else {
    swap_fields(ip + 8, ip + 24, 16);
    ip[7] = ttl;  // not covered by any checksum
    icmp_checksum =
        checksum_update16(icmp_checksum, kIcmpv6EchoRequestWord, kIcmpv6EchoReplyWord);
    icmp[0] = 129;
  }
  store_be16(icmp + 2, icmp_checksum);
  return view.frame_end();
}

}  // namespace rr::packet
