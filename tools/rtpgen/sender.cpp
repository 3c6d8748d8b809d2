#include "tools/rtpgen/sender.hpp"

#include <algorithm>
#include <cmath>

#include "tools/rtpgen/clock.hpp"

namespace rr::rtpgen {

namespace {
// splitmix64: a cheap, well-mixed hash for reproducible per-stream identities.
uint64_t mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}
}  // namespace

StreamIdentity stream_identity(uint32_t stream, uint32_t direction) {
  uint64_t h = mix(uint64_t{direction} << 32 | stream);
  return {static_cast<uint32_t>(h), static_cast<uint16_t>(h >> 32), static_cast<uint32_t>(h >> 16)};
}

Sender::Sender(Transmitter& transmitter, uint32_t streams, uint32_t direction, Pacer pacer, SrtpSender* srtp)
    : transmitter_(transmitter), srtp_(srtp), pacer_(pacer),
      timestamp_step_(static_cast<uint32_t>(
          std::max(1.0, std::round(8000.0 * static_cast<double>(streams) / pacer.rate_pps())))) {
  identities_.reserve(streams);
  for (uint32_t s = 0; s < streams; ++s) identities_.push_back(stream_identity(s, direction));
}

uint64_t Sender::dealt_to(uint32_t stream) const {
  uint64_t n = streams();
  uint64_t total = pacer_.sent();
  return total / n + (stream < total % n ? 1 : 0);
}

double Sender::scheduled_seconds() const {
  uint64_t n = pacer_.sent();
  return n < 2 ? 0 : static_cast<double>(pacer_.due_time(n - 1) - pacer_.due_time(0)) / 1e9;
}

double Sender::actual_seconds() const {
  return static_cast<double>(last_send_ns_ - first_send_ns_) / 1e9;
}

size_t Sender::pump(uint64_t now_ns, size_t max_bursts) {
  size_t handed = 0;
  const uint32_t n = streams();
  for (uint64_t due = pacer_.due(now_ns, kBurst); due > 0 && max_bursts > 0;
       due = pacer_.due(now_ns, kBurst), --max_bursts) {
    const uint64_t first = pacer_.sent();
    const uint64_t send_ns = monotonic_ns();  // once per burst: the probes are ~µs apart
    if (first == 0) first_send_ns_ = send_ns;
    last_send_ns_ = send_ns;
    for (uint64_t i = 0; i < due; ++i) {
      Slot slot = slot_of(first + i, n);
      const StreamIdentity& id = identities_[slot.stream];
      ProbePacket packet;
      packet.sequence = static_cast<uint16_t>(id.first_sequence + slot.index_in_stream);
      packet.timestamp = static_cast<uint32_t>(id.first_timestamp + slot.index_in_stream * timestamp_step_);
      packet.ssrc = id.ssrc;
      packet.marker = slot.index_in_stream == 0;  // start of a talk spurt
      packet.stream = slot.stream;
      packet.send_ns = send_ns;
      WirePacket& wire = packets_[i];
      write_packet(packet, std::span(wire.bytes).first<kPacketSize>());
      // A failed protect sends an empty datagram, which the sink counts as a drop.
      wire.size = static_cast<uint16_t>(
          srtp_ ? srtp_->protect(slot.stream, wire.bytes.data(), kPacketSize, wire.bytes.size()) : kPacketSize);
      burst_streams_[i] = slot.stream;
    }
    // What the transmitter could not hand over is counted; pacing and sequence numbers go
    // on, so the sink sees the drop as loss.
    const size_t done = transmitter_.transmit(std::span(packets_).first(due), std::span(burst_streams_).first(due));
    send_errors_ += due - done;
    handed += done;
    pacer_.take(due);
  }
  return handed;
}

}  // namespace rr::rtpgen
