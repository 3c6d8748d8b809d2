#include "tools/rtpgen/sink.hpp"

#include "tools/rtpgen/clock.hpp"

namespace rr::rtpgen {

Sink::Sink(ngclient::UdpSocket& socket, uint32_t streams, uint32_t latency_streams)
    : socket_(socket), stats_(streams), latency_(std::min(streams, latency_streams)), buffers_(kBurst) {
  for (size_t i = 0; i < kBurst; ++i) {
    iov_[i] = {buffers_[i].data(), kBufferSize};
    messages_[i].msg_hdr.msg_iov = &iov_[i];
    messages_[i].msg_hdr.msg_iovlen = 1;
  }
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
  uint64_t total = unknown_stream_;
  for (ParseError reason : kDropReasons) total += dropped(reason);
  return total;
}

size_t Sink::drain() {
  size_t total = 0;
  for (;;) {
    int n = ::recvmmsg(socket_.fd(), messages_.data(), kBurst, MSG_DONTWAIT, nullptr);
    if (n <= 0) return total;  // EAGAIN: empty
    // One clock read per burst: the datagrams of one recvmmsg arrived within microseconds.
    const uint64_t arrival_ns = monotonic_ns();
    for (int i = 0; i < n; ++i) {
      on_datagram({buffers_[i].data(), messages_[i].msg_len}, arrival_ns);
    }
    total += static_cast<size_t>(n);
  }
}

}  // namespace rr::rtpgen
