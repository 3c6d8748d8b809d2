#include "tools/rtpgen/packet_format.hpp"

#include <algorithm>

namespace rr::rtpgen {

namespace {

void put16(uint8_t* p, uint16_t v) {
  p[0] = static_cast<uint8_t>(v >> 8);
  p[1] = static_cast<uint8_t>(v);
}
void put32(uint8_t* p, uint32_t v) {
  put16(p, static_cast<uint16_t>(v >> 16));
  put16(p + 2, static_cast<uint16_t>(v));
}
void put64(uint8_t* p, uint64_t v) {
  put32(p, static_cast<uint32_t>(v >> 32));
  put32(p + 4, static_cast<uint32_t>(v));
}
uint16_t get16(const uint8_t* p) { return static_cast<uint16_t>(p[0] << 8 | p[1]); }
uint32_t get32(const uint8_t* p) { return uint32_t{get16(p)} << 16 | get16(p + 2); }
uint64_t get64(const uint8_t* p) { return uint64_t{get32(p)} << 32 | get32(p + 4); }

}  // namespace

void write_packet(const ProbePacket& packet, std::span<uint8_t, kPacketSize> out) {
  uint8_t* p = out.data();
  p[0] = 0x80;  // version 2, no padding, no extension, no CSRC
  p[1] = static_cast<uint8_t>((packet.marker ? 0x80 : 0) | kPayloadType);
  put16(p + 2, packet.sequence);
  put32(p + 4, packet.timestamp);
  put32(p + 8, packet.ssrc);
  uint8_t* probe = p + kRtpHeaderSize;
  put32(probe, kProbeMagic);
  put32(probe + 4, packet.stream);
  put64(probe + 8, packet.send_ns);
  std::fill(probe + kProbeSize, p + kPacketSize, uint8_t{0xFF});
}

ParseError read_packet(std::span<const uint8_t> datagram, ProbePacket& packet) {
  if (datagram.size() < kRtpHeaderSize) return ParseError::too_short;
  const uint8_t* p = datagram.data();
  if ((p[0] >> 6) != 2) return ParseError::not_rtp_v2;
  if ((p[1] & 0x7F) != kPayloadType) return ParseError::wrong_payload_type;
  size_t offset = kRtpHeaderSize + 4 * size_t{p[0] & 0x0Fu};
  if (p[0] & 0x10) {  // header extension: 4-byte header, then length in 32-bit words
    if (datagram.size() < offset + 4) return ParseError::too_short;
    offset += 4 + 4 * size_t{get16(p + offset + 2)};
  }
  if (datagram.size() < offset + kProbeSize) return ParseError::too_short;
  const uint8_t* probe = p + offset;
  if (get32(probe) != kProbeMagic) return ParseError::no_probe;
  packet.marker = (p[1] & 0x80) != 0;
  packet.sequence = get16(p + 2);
  packet.timestamp = get32(p + 4);
  packet.ssrc = get32(p + 8);
  packet.stream = get32(probe + 4);
  packet.send_ns = get64(probe + 8);
  return ParseError::none;
}

const char* to_string(ParseError error) {
  switch (error) {
    case ParseError::none: return "none";
    case ParseError::too_short: return "too_short";
    case ParseError::not_rtp_v2: return "not_rtp_v2";
    case ParseError::wrong_payload_type: return "wrong_payload_type";
    case ParseError::no_probe: return "no_probe";
  }
  return "unknown";
}

}  // namespace rr::rtpgen
