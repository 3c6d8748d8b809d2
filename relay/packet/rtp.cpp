#include "relay/packet/rtp.hpp"

#include "relay/packet/bytes.hpp"

namespace rr::packet {

Result<RtpHeader> parse_rtp_general(std::span<const uint8_t> udp_payload, RtpPadding padding_rule) {
  const size_t size = udp_payload.size();
  const uint8_t* p = udp_payload.data();
  // Sizes fit 16 bits below: a UDP payload is at most 65527 bytes, larger spans are not UDP.
  if (size < kRtpHeaderSize || size > 0xffff || (p[0] >> 6) != 2) return DropReason::not_rtp;
  RtpHeader h;
  h.padding = (p[0] & 0x20) != 0;
  h.extension = (p[0] & 0x10) != 0;
  h.csrc_count = p[0] & 0x0f;
  h.marker = (p[1] & 0x80) != 0;
  h.payload_type = p[1] & 0x7f;
  h.sequence = load_be16(p + 2);
  h.timestamp = load_be32(p + 4);
  h.ssrc = load_be32(p + 8);

  size_t header = kRtpHeaderSize + size_t{h.csrc_count} * 4;
  if (h.extension) {
    if (size < header + 4) return DropReason::not_rtp;
    h.extension_profile = load_be16(p + header);
    header += 4 + size_t{load_be16(p + header + 2)} * 4;
  }
  if (size < header) return DropReason::not_rtp;
  size_t padding = 0;
  if (h.padding && padding_rule == RtpPadding::check) {
    // RFC 3550 5.1: the last byte counts itself; 0 or more than the payload is invalid.
    padding = p[size - 1];
    if (padding == 0 || padding > size - header) return DropReason::not_rtp;
  }
  h.header_size = static_cast<uint16_t>(header);
  h.padding_size = static_cast<uint8_t>(padding);
  h.payload_size = static_cast<uint16_t>(size - header - padding);
  return h;
}

Result<RtcpHeader> parse_rtcp_header(std::span<const uint8_t> udp_payload) {
  const uint8_t* p = udp_payload.data();
  if (udp_payload.size() < kRtcpHeaderSize || (p[0] >> 6) != 2 || !is_rtcp(udp_payload)) {
    return DropReason::bad_rtcp;
  }
  RtcpHeader h;
  h.count = p[0] & 0x1f;
  h.packet_type = p[1];
  h.length_words = load_be16(p + 2);
  h.ssrc = load_be32(p + 4);
  if (h.size() > udp_payload.size()) return DropReason::bad_rtcp;
  return h;
}

}  // namespace rr::packet
