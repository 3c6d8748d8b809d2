// One direction's sender: deals the paced packets round-robin over the streams, writes
// them and hands them to a transmitter (a UDP socket or a DPDK port), up to kBurst at a
// time. Buffers are made once; sending a packet allocates nothing.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "tools/rtpgen/packet_format.hpp"
#include "tools/rtpgen/pacer.hpp"
#include "tools/rtpgen/srtp_streams.hpp"
#include "tools/rtpgen/transmitter.hpp"

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

  // `srtp`: protect every packet with its stream's session (the SRTP leg); null: plain RTP.
  Sender(Transmitter& transmitter, uint32_t streams, uint32_t direction, Pacer pacer, SrtpSender* srtp = nullptr);

  // Sends the packets due at `now_ns`, at most `max_bursts` bursts' worth, so the
  // caller can drain its sinks between bursts when behind; returns the packets handed over.
  size_t pump(uint64_t now_ns, size_t max_bursts = SIZE_MAX);

  void start(uint64_t start_ns) { pacer_.restart(start_ns); }
  const Pacer& pacer() const { return pacer_; }
  uint32_t streams() const { return static_cast<uint32_t>(identities_.size()); }
  uint64_t sent() const { return pacer_.sent() - send_errors_; }
  uint64_t send_errors() const { return send_errors_; }
  // Packets stream `stream` was dealt (sent or failed), from the round-robin order.
  uint64_t dealt_to(uint32_t stream) const;
  // Seconds from the first to the last packet's due time, and as it really went: when
  // the second is longer the generator fell behind (CPU), which the report must say.
  double scheduled_seconds() const;
  double actual_seconds() const;

 private:
  Transmitter& transmitter_;
  SrtpSender* srtp_;
  std::vector<StreamIdentity> identities_;
  Pacer pacer_;
  // Timestamp units between a stream's packets: 160 (20 ms) at the default 50 pps per
  // stream; other rates scale it so that timestamps keep pace with the send clock and
  // the sink's jitter stays meaningful.
  uint32_t timestamp_step_;
  uint64_t send_errors_ = 0;
  uint64_t first_send_ns_ = 0;
  uint64_t last_send_ns_ = 0;
  std::array<WirePacket, kBurst> packets_{};
  std::array<uint32_t, kBurst> burst_streams_{};
};

}  // namespace rr::rtpgen
