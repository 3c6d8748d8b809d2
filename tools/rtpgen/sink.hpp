// One direction's sink: drains a UDP socket with recvmmsg and keeps, per stream, RFC 3550
// receive statistics and (for up to a configured number of streams) a latency histogram,
// plus a histogram over all streams. Everything is sized at construction; receiving a
// packet allocates nothing. Datagrams that are not rtpgen probes are counted by reason.
#pragma once

#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <vector>

#include "tools/ngclient/udp_socket.hpp"
#include "tools/rtpgen/latency_histogram.hpp"
#include "tools/rtpgen/packet_format.hpp"
#include "tools/rtpgen/receive_stats.hpp"

namespace rr::rtpgen {

class Sink {
 public:
  static constexpr size_t kBurst = 64;
  static constexpr size_t kBufferSize = 2048;  // larger than any RTP packet a relay emits

  // Per-stream histograms cost ~2.4 KiB each, so they are kept only for the first
  // `latency_streams` streams; totals cover every stream.
  Sink(ngclient::UdpSocket& socket, uint32_t streams, uint32_t latency_streams);

  // Reads until the socket is empty; returns the datagrams read.
  size_t drain();
  // The accounting step, separate from the socket so tests can feed crafted datagrams.
  void on_datagram(std::span<const uint8_t> datagram, uint64_t arrival_ns);

  int fd() const { return socket_.fd(); }
  uint32_t streams() const { return static_cast<uint32_t>(stats_.size()); }
  const ReceiveStats& stats(uint32_t stream) const { return stats_[stream]; }
  // nullptr for streams without their own histogram.
  const LatencyHistogram* latency(uint32_t stream) const {
    return stream < latency_.size() ? &latency_[stream] : nullptr;
  }
  const LatencyHistogram& total_latency() const { return total_latency_; }
  uint64_t dropped(ParseError reason) const { return dropped_[static_cast<size_t>(reason)]; }
  uint64_t unknown_stream() const { return unknown_stream_; }
  uint64_t ignored() const;  // all datagrams that were not counted for a stream

 private:
  ngclient::UdpSocket& socket_;
  std::vector<ReceiveStats> stats_;
  std::vector<LatencyHistogram> latency_;
  LatencyHistogram total_latency_;
  std::array<uint64_t, kDropReasons.size() + 1> dropped_{};  // by ParseError
  uint64_t unknown_stream_ = 0;
  std::vector<std::array<uint8_t, kBufferSize>> buffers_;
  std::array<iovec, kBurst> iov_{};
  std::array<mmsghdr, kBurst> messages_{};
};

}  // namespace rr::rtpgen
