// Plain RTP and RTCP packets for the SrtpSession tests.
#pragma once

#include <cstdint>
#include <vector>

namespace rr::srtp::testing_packets {

using Bytes = std::vector<uint8_t>;

// A 172-byte G.711 packet: 12-byte header (PT 0, seq, ts, SSRC) + 160 bytes of payload.
inline Bytes rtp_packet(uint16_t seq) {
  Bytes p{0x80, 0x00, static_cast<uint8_t>(seq >> 8), static_cast<uint8_t>(seq), 0, 0, 0x01, 0x40,
          0x12, 0x34, 0x56, 0x78};
  for (int i = 0; i < 160; ++i) p.push_back(static_cast<uint8_t>(0xD5 ^ i));
  return p;
}

// An RR with no report blocks plus an SDES CNAME: 8 + 20 bytes.
inline Bytes rtcp_packet() {
  return {0x80, 0xc9, 0x00, 0x01, 0x12, 0x34, 0x56, 0x78, 0x81, 0xca, 0x00, 0x04, 0x12, 0x34,
          0x56, 0x78, 0x01, 0x0a, 'r',  'e',  'l',  'a',  'y',  '@',  'h',  'o',  's',  't'};
}

}  // namespace rr::srtp::testing_packets
