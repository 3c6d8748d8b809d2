#include "tools/rtpgen/sink.hpp"

#include <algorithm>

namespace rr::rtpgen {

Sink::Sink(uint32_t streams, uint32_t latency_streams)
    : stats_(streams), latency_(std::min(streams, latency_streams)) {}

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
  uint64_t total = unknown_stream_;
  for (ParseError reason : kDropReasons) total += dropped(reason);
  return total;
}

}  // namespace rr::rtpgen
