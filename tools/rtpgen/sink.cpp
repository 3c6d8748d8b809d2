#include "tools/rtpgen/sink.hpp"

#include <algorithm>

namespace rr::rtpgen {

Sink::Sink(uint32_t streams, uint32_t latency_streams, SrtpReceiver* srtp)
    : stats_(streams), latency_(std::min(streams, latency_streams)), srtp_(srtp) {}

void Sink::on_wire(std::span<uint8_t> datagram, uint64_t arrival_ns) {
  if (srtp_ == nullptr) return on_datagram(datagram, arrival_ns);
  const size_t len = srtp_->unprotect(datagram);
  if (len > 0) on_datagram(datagram.first(len), arrival_ns);
}

void Sink::on_datagram(std::span<const uint8_t> datagram, uint64_t arrival_ns) {
  ProbePacket packet;
  ParseError error = read_packet(datagram, packet);
  if (error != ParseError::none) {
    ++dropped_[static_cast<size_t>(error)];
    return;
  }
  if (packet.stream >= stats_.size()) {
    ++unknown_stream_;
    return;
  }
  stats_[packet.stream].on_packet(packet.sequence, packet.timestamp, arrival_ns);
  // A send time in the future means another clock (another host): no latency then.
  if (packet.send_ns > arrival_ns) return;
  uint64_t latency = arrival_ns - packet.send_ns;
  total_latency_.record(latency);
  if (packet.stream < latency_.size()) latency_[packet.stream].record(latency);
}

uint64_t Sink::ignored() const {
  uint64_t total = unknown_stream_ + (srtp_ ? srtp_->failed() : 0);
  for (ParseError reason : kDropReasons) total += dropped(reason);
  return total;
}

}  // namespace rr::rtpgen
