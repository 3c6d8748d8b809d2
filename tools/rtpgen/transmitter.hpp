// Where a sender's packets go: a kernel UDP socket (socket_transport.hpp) or a DPDK port
// that wraps them in Ethernet/IPv4/UDP itself (dpdk_side.hpp). The sender paces and writes
// the RTP packets; the transmitter only hands a burst of them to the network.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "tools/rtpgen/packet_format.hpp"

namespace rr::rtpgen {

using RtpPacket = std::array<uint8_t, kPacketSize>;

// One packet as it goes on the wire: plain RTP (kPacketSize) or SRTP (longer by the tag).
struct WirePacket {
  std::array<uint8_t, kMaxWirePacket> bytes{};
  uint16_t size = kPacketSize;
  std::span<const uint8_t> view() const { return {bytes.data(), size}; }
};

class Transmitter {
 public:
  virtual ~Transmitter() = default;
  // Sends packets[i] on stream streams[i] (equal sizes, at most Sender::kBurst), in order,
  // waiting while the path is full; returns how many were handed over. The sender counts
  // the rest as send errors, which the sink then sees as loss.
  virtual size_t transmit(std::span<const WirePacket> packets, std::span<const uint32_t> streams) = 0;
};

}  // namespace rr::rtpgen
