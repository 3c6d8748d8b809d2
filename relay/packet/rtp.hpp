// RTP (RFC 3550) header parsing and the RFC 5761 RTP/RTCP demultiplexing test.
// Deeper RTCP report parsing (SR/RR blocks) lives in relay/stats.
#pragma once

#include "relay/packet/bytes.hpp"
#include "relay/packet/result.hpp"

#include <cstdint>
#include <span>

namespace rr::packet {

inline constexpr size_t kRtpHeaderSize = 12;  // without CSRCs and extension
inline constexpr size_t kRtcpHeaderSize = 8;  // V/P/RC, PT, length, SSRC

struct RtpHeader {
  bool marker = false;
  bool padding = false;
  bool extension = false;
  uint8_t payload_type = 0;   // 7 bits
  uint8_t csrc_count = 0;
  uint16_t sequence = 0;
  uint32_t timestamp = 0;
  uint32_t ssrc = 0;
  uint16_t extension_profile = 0;  // 0xBEDE one-byte, 0x100x two-byte (RFC 8285); 0 if none
  uint16_t header_size = 0;        // offset of the payload: 12 + 4*CC [+ 4 + extension]
  uint16_t payload_size = 0;       // without the padding
  uint8_t padding_size = 0;        // last byte of the packet when `padding`
};

// RFC 5761 section 4: a second byte of 192..223 is an RTCP packet type (SR 200, RR 201, ...),
// never an RTP marker+payload type on a muxed port. False for fewer than 2 bytes.
// Inline: asked per packet on rtcp-mux ports.
inline bool is_rtcp(std::span<const uint8_t> udp_payload) {
  return udp_payload.size() >= 2 && udp_payload[1] >= 192 && udp_payload[1] <= 223;
}

// Whether the padding count (the last byte) can be read yet. In SRTP the padding is part of
// the encrypted payload and the packet ends with the auth tag (RFC 3711 3.1), so the last
// byte is tag, not count: check padding only on plaintext, i.e. after unprotect.
enum class RtpPadding : uint8_t {
  check,     // plain RTP: the padding count must fit the payload
  encrypted, // SRTP before unprotect: padding flag reported, padding_size 0, payload_size
             // covers everything after the header (ciphertext, padding, MKI, tag)
};

// parse_rtp's fallback for every header other than 0x80, and its tests' reference.
Result<RtpHeader> parse_rtp_general(std::span<const uint8_t> udp_payload, RtpPadding padding_rule);

// Version 2, CSRC list, extension and (if `padding` is check) padding all inside
// `udp_payload`. The header itself is never encrypted, so sequence, timestamp and SSRC are
// read from SRTP too. Errors: not_rtp.
// Inline, with the header nearly every media packet has (0x80: version 2, no padding, no
// extension, no CSRC) in a straight line: the worker calls it per packet and reads four
// fields, so the call, the Result in memory and the fields nobody reads go away
// (77 -> ~20 instructions per packet under callgrind).
inline Result<RtpHeader> parse_rtp(std::span<const uint8_t> udp_payload,
                                   RtpPadding padding_rule = RtpPadding::check) {
  const size_t size = udp_payload.size();
  const uint8_t* p = udp_payload.data();
  // Sizes fit 16 bits: a UDP payload is at most 65527 bytes, larger spans are not UDP.
  if (size < kRtpHeaderSize || size > 0xffff || p[0] != 0x80) [[unlikely]]
    return parse_rtp_general(udp_payload, padding_rule);
  RtpHeader h;
  h.marker = (p[1] & 0x80) != 0;
  h.payload_type = p[1] & 0x7f;
  h.sequence = load_be16(p + 2);
  h.timestamp = load_be32(p + 4);
  h.ssrc = load_be32(p + 8);
  h.header_size = kRtpHeaderSize;
  h.payload_size = static_cast<uint16_t>(size - kRtpHeaderSize);
  return h;
}

struct RtcpHeader {
  uint8_t count = 0;         // RC/SC/FMT: low 5 bits of the first byte
  uint8_t packet_type = 0;   // 200 SR, 201 RR, 202 SDES, 203 BYE, 204 APP, 205/206 feedback
  uint16_t length_words = 0; // the length field: 32-bit words minus one
  uint32_t ssrc = 0;         // of the sender
  size_t size() const { return (size_t{length_words} + 1) * 4; }
};

// Checks only the FIRST packet of a compound: version 2, type 192..223, and its length
// field inside the payload. Walking further would fail on SRTCP, whose later packets are
// encrypted and followed by the SRTCP index and auth tag. Errors: bad_rtcp.
Result<RtcpHeader> parse_rtcp_header(std::span<const uint8_t> udp_payload);

}  // namespace rr::packet
