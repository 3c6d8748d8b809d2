// The kernel-socket transport: sendmmsg to one destination per stream, and recvmmsg into a
// sink. All streams of one side share one UDP socket; the probe's stream index says which
// stream a datagram belongs to.
#pragma once

#include <sys/socket.h>

#include <array>
#include <vector>

#include "tools/ngclient/udp_socket.hpp"
#include "tools/rtpgen/sink.hpp"
#include "tools/rtpgen/transmitter.hpp"

namespace rr::rtpgen {

class SocketTransmitter final : public Transmitter {
 public:
  static constexpr size_t kBurst = 64;
  // `destinations` has one address per stream (the relay port of that stream's call, or
  // the same fixed address for all).
  SocketTransmitter(ngclient::UdpSocket& socket, std::vector<ngclient::SockAddr> destinations);
  size_t transmit(std::span<const WirePacket> packets, std::span<const uint32_t> streams) override;

 private:
  ngclient::UdpSocket& socket_;
  std::vector<ngclient::SockAddr> destinations_;
  std::array<iovec, kBurst> iov_{};
  std::array<mmsghdr, kBurst> messages_{};
};

// Drains a socket into a sink. Buffers are made once; receiving allocates nothing.
class SocketReceiver {
 public:
  static constexpr size_t kBurst = 64;
  static constexpr size_t kBufferSize = 2048;  // larger than any RTP packet a relay emits

  SocketReceiver(ngclient::UdpSocket& socket, Sink& sink);
  // Reads until the socket is empty; returns the datagrams read.
  size_t drain();
  int fd() const { return socket_.fd(); }

 private:
  ngclient::UdpSocket& socket_;
  Sink& sink_;
  std::vector<std::array<uint8_t, kBufferSize>> buffers_;
  std::array<iovec, kBurst> iov_{};
  std::array<mmsghdr, kBurst> messages_{};
};

}  // namespace rr::rtpgen
