// One direction's sink: keeps, per stream, RFC 3550 receive statistics and (for up to a
// configured number of streams) a latency histogram, plus a histogram over all streams. Everything is sized at construction; receiving a
// packet allocates nothing. Datagrams that are not rtpgen probes are counted by reason.
// The transport feeds it: SocketReceiver (socket_transport.hpp) or DpdkSide (dpdk_side.hpp).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "tools/rtpgen/latency_histogram.hpp"
#include "tools/rtpgen/packet_format.hpp"
#include "tools/rtpgen/receive_stats.hpp"
#include "tools/rtpgen/srtp_streams.hpp"

namespace rr::rtpgen {

class Sink {
 public:
  // Per-stream histograms cost ~2.4 KiB each, so they are kept only for the first
  // `latency_streams` streams; totals cover every stream.
  // `srtp`: the SRTP leg's receiver, which unprotects what on_wire() gets; null: plain RTP.
  Sink(uint32_t streams, uint32_t latency_streams, SrtpReceiver* srtp = nullptr);

  // A datagram as the transport received it, in its own buffer: unprotected in place when
  // this side speaks SRTP (a failure is counted in srtp_dropped()), then on_datagram().
  void on_wire(std::span<uint8_t> datagram, uint64_t arrival_ns);

  // One datagram's UDP payload, as received at `arrival_ns` (CLOCK_MONOTONIC).
  void on_datagram(std::span<const uint8_t> datagram, uint64_t arrival_ns);

  uint32_t streams() const { return static_cast<uint32_t>(stats_.size()); }
  const ReceiveStats& stats(uint32_t stream) const { return stats_[stream]; }
  // nullptr for streams without their own histogram.
  const LatencyHistogram* latency(uint32_t stream) const {
    return stream < latency_.size() ? &latency_[stream] : nullptr;
  }
  const LatencyHistogram& total_latency() const { return total_latency_; }
  uint64_t dropped(ParseError reason) const { return dropped_[static_cast<size_t>(reason)]; }
  uint64_t unknown_stream() const { return unknown_stream_; }
  const SrtpReceiver* srtp() const { return srtp_; }
  uint64_t ignored() const;  // all datagrams that were not counted for a stream, SRTP drops included

 private:
  std::vector<ReceiveStats> stats_;
  std::vector<LatencyHistogram> latency_;
  LatencyHistogram total_latency_;
  std::array<uint64_t, kDropReasons.size() + 1> dropped_{};  // by ParseError
  uint64_t unknown_stream_ = 0;
  SrtpReceiver* srtp_;
};

}  // namespace rr::rtpgen
