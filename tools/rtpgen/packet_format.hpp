// rtpgen's packets: a G.711-shaped RTP packet (12-byte header, PT 0, 160-byte payload) whose
// payload starts with a probe: magic, stream index and the CLOCK_MONOTONIC send time, so the
// sink can attribute each packet to its stream and measure one-way latency on one host.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace rr::rtpgen {

inline constexpr size_t kRtpHeaderSize = 12;
inline constexpr size_t kPayloadSize = 160;          // 20 ms of 8 kHz G.711
inline constexpr size_t kPacketSize = kRtpHeaderSize + kPayloadSize;
// With --srtp the packet grows by the suite's tag (AEAD GCM's 16 bytes at most).
inline constexpr size_t kMaxWirePacket = kPacketSize + 16;
inline constexpr uint32_t kSamplesPerPacket = 160;   // timestamp step per 20 ms packet
inline constexpr uint8_t kPayloadType = 0;           // PCMU
inline constexpr uint32_t kProbeMagic = 0x52475031;  // "RGP1"
inline constexpr size_t kProbeSize = 16;             // magic, stream index, send time

struct ProbePacket {
  uint16_t sequence = 0;
  uint32_t timestamp = 0;
  uint32_t ssrc = 0;
  bool marker = false;
  uint32_t stream = 0;     // index into the generator's stream table
  uint64_t send_ns = 0;    // CLOCK_MONOTONIC at send
};

enum class ParseError : uint8_t { none, too_short, not_rtp_v2, wrong_payload_type, no_probe };
// Every reason a datagram is not counted, for the sink's counters and the report.
inline constexpr std::array kDropReasons = {ParseError::too_short, ParseError::not_rtp_v2,
                                            ParseError::wrong_payload_type, ParseError::no_probe};

// Writes exactly kPacketSize bytes; `out` must hold that many. The rest of the payload is
// 0xFF (PCMU silence) so a relay that inspects the codec sees plausible audio.
void write_packet(const ProbePacket& packet, std::span<uint8_t, kPacketSize> out);

// Reads a datagram from the network, which may be anything: checks size and version,
// skips CSRCs and a header extension a relay may have added, and requires the probe.
ParseError read_packet(std::span<const uint8_t> datagram, ProbePacket& packet);

const char* to_string(ParseError error);

}  // namespace rr::rtpgen
