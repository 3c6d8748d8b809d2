// The frames of a capture that looks like N concurrent G.711 calls arriving at the relay:
// each stream's caller sends one 20 ms packet (12-byte RTP header, 160 bytes of PCMU)
// per round, and rounds interleave the streams round-robin, so a replay spreads every
// stream evenly over time, as real calls do.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "relay/packet/address.hpp"
#include "relay/packet/ethernet.hpp"
#include "relay/packet/result.hpp"
#include "tools/pcapgen/pcap_writer.hpp"

namespace rr::pcapgen {

inline constexpr size_t kRtpHeaderSize = 12;
inline constexpr size_t kG711PayloadSize = 160;      // 20 ms at 8 kHz
inline constexpr uint32_t kG711TimestampStep = 160;
inline constexpr uint64_t kPacketIntervalNs = 20'000'000;

// One direction of RTP: the caller's endpoint sending to the relay's port for its call.
struct RtpStream {
  Endpoint caller;
  Endpoint relay;
  uint32_t ssrc = 0;
  uint16_t first_sequence = 0;
  uint32_t first_timestamp = 0;
};

struct Link {
  packet::MacAddress caller_mac{{0x02, 0x00, 0x00, 0x00, 0x0a, 0x01}};
  packet::MacAddress relay_mac{{0x02, 0x00, 0x00, 0x00, 0x0a, 0x02}};
};

// Streams 0..n-1 with SSRC, first sequence number and timestamp derived from the index
// (distinct, and not all starting at 0, so wrap-around happens at different rounds).
RtpStream make_stream(uint32_t index, const Endpoint& caller, const Endpoint& relay);

// Writes a packet of `stream` (Ethernet/IP/UDP/RTP, checksums filled) into `out`; returns
// the frame size or the packet layer's reason (too_short, unhandled for mixed address
// families). Its sequence number is `offset` past the stream's first (modulo 2^16), its
// timestamp offset × 160 past the first: see sequence_offset.
packet::Result<size_t> rtp_frame(std::span<uint8_t> out, const RtpStream& stream, uint32_t offset,
                                 const Link& link);

// An ARP reply from `owner` (MAC, IPv4 address) to the relay: replayed first, it tells the
// relay where the other leg's address lives, so forwarded packets are not held unresolved.
packet::Result<size_t> arp_announcement(std::span<uint8_t> out, const packet::MacAddress& owner_mac,
                                        const IpAddress& owner, const Link& link,
                                        const IpAddress& relay);

struct CaptureSpec {
  std::vector<RtpStream> streams;
  uint32_t rounds = 1;
  // Sequence numbers advance by this per round. With rounds × step = 65 536 a looping replay
  // never repeats an SRTP index: the next loop's first packet is the natural successor (the
  // ROC moves on), so a relay protecting toward an SRTP leg keeps protecting instead of
  // refusing a repeated index.
  uint16_t sequence_step = 1;
  // Instead of sequence_step: sequence offsets 0, 1, then even steps that reach 65 536 at
  // `rounds` (needs rounds >= kMinLoopRounds). The loop stays SRTP-safe as above, and every
  // step is below RFC 3550 A.1's MAX_DROPOUT with the first two in sequence, so a relay's
  // statistics believe the source after two packets and count every later one in sequence,
  // as for a real stream. With a fixed step > 1 the source stays on probation for ever.
  bool loop_sequence = false;
  Link link;
  // Neighbour announcements at the start of the capture: (MAC, IPv4 address) of each
  // address the relay forwards to, and the relay address they are addressed to.
  std::vector<std::pair<packet::MacAddress, IpAddress>> neighbours;
};

// 65 535 / 22 < 3000 (MAX_DROPOUT): the fewest rounds whose loop_sequence steps all count.
inline constexpr uint32_t kMinLoopRounds = 23;

// How far round `round`'s sequence number is past the stream's first: round × sequence_step,
// or (loop_sequence) 0, 1, then 1 + (round - 1) × 65 535 / (rounds - 1), rounded down.
uint32_t sequence_offset(const CaptureSpec& spec, uint32_t round);

struct CaptureResult {
  uint64_t frames = 0;
  std::string error;  // empty on success
};

// Streams × rounds RTP frames after the announcements; round r of stream i is stamped
// r × 20 ms + i × 20 ms / n.
CaptureResult write_capture(PcapWriter& writer, const CaptureSpec& spec);

}  // namespace rr::pcapgen
