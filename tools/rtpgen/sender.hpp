// One direction's sender: deals the paced packets round-robin over the streams and sends
// them from one UDP socket with sendmmsg, up to kBurst per system call. Buffers are made
// once; sending a packet allocates nothing.
#pragma once

#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <vector>

#include "tools/ngclient/udp_socket.hpp"
#include "tools/rtpgen/packet_format.hpp"
#include "tools/rtpgen/pacer.hpp"

namespace rr::rtpgen {

// SSRC, first sequence number and first timestamp of a stream: derived from its index and
// the direction so that runs are reproducible and the two directions differ.
struct StreamIdentity {
  uint32_t ssrc;
  uint16_t first_sequence;
  uint32_t first_timestamp;
};
StreamIdentity stream_identity(uint32_t stream, uint32_t direction);

class Sender {
 public:
  static constexpr size_t kBurst = 64;

  // `destinations` has one address per stream (the relay port of that stream's call, or
  // the same fixed address for all).
  Sender(ngclient::UdpSocket& socket, std::vector<ngclient::SockAddr> destinations,
         uint32_t direction, Pacer pacer);

  // Sends every packet due at `now_ns`; returns how many were handed to the kernel.
  size_t pump(uint64_t now_ns);

  const Pacer& pacer() const { return pacer_; }
  uint32_t streams() const { return static_cast<uint32_t>(destinations_.size()); }
  uint64_t sent() const { return pacer_.sent() - send_errors_; }
  uint64_t send_errors() const { return send_errors_; }
  // Packets stream `stream` was dealt (sent or failed), from the round-robin order.
  uint64_t dealt_to(uint32_t stream) const;

 private:
  ngclient::UdpSocket& socket_;
  std::vector<ngclient::SockAddr> destinations_;
  std::vector<StreamIdentity> identities_;
  Pacer pacer_;
  uint64_t send_errors_ = 0;
  std::array<std::array<uint8_t, kPacketSize>, kBurst> packets_{};
  std::array<iovec, kBurst> iov_{};
  std::array<mmsghdr, kBurst> messages_{};
};

}  // namespace rr::rtpgen
