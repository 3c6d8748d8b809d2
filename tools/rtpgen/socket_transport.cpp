#include "tools/rtpgen/socket_transport.hpp"

#include <algorithm>

#include "tools/rtpgen/clock.hpp"

namespace rr::rtpgen {

SocketTransmitter::SocketTransmitter(ngclient::UdpSocket& socket,
                                     std::vector<ngclient::SockAddr> destinations)
    : socket_(socket), destinations_(std::move(destinations)) {
  for (size_t i = 0; i < kBurst; ++i) {
    messages_[i].msg_hdr.msg_iov = &iov_[i];
    messages_[i].msg_hdr.msg_iovlen = 1;
  }
}

size_t SocketTransmitter::transmit(std::span<const WirePacket> packets, std::span<const uint32_t> streams) {
  const size_t count = std::min({packets.size(), streams.size(), kBurst});
  for (size_t i = 0; i < count; ++i) {
    iov_[i] = {const_cast<uint8_t*>(packets[i].bytes.data()), packets[i].size};
    const ngclient::SockAddr& to = destinations_[streams[i]];
    messages_[i].msg_hdr.msg_name = const_cast<sockaddr_storage*>(&to.storage);
    messages_[i].msg_hdr.msg_namelen = to.length;
  }
  // A blocking socket: when the kernel's buffer is full, sendmmsg waits, which is the
  // back-pressure we want. A failure drops the rest of the burst.
  size_t done = 0;
  while (done < count) {
    int n_sent = ::sendmmsg(socket_.fd(), &messages_[done], static_cast<unsigned>(count - done), 0);
    if (n_sent <= 0) break;
    done += static_cast<size_t>(n_sent);
  }
  return done;
}

SocketReceiver::SocketReceiver(ngclient::UdpSocket& socket, Sink& sink)
    : socket_(socket), sink_(sink), buffers_(kBurst) {
  for (size_t i = 0; i < kBurst; ++i) {
    iov_[i] = {buffers_[i].data(), kBufferSize};
    messages_[i].msg_hdr.msg_iov = &iov_[i];
    messages_[i].msg_hdr.msg_iovlen = 1;
  }
}

size_t SocketReceiver::drain() {
  size_t total = 0;
  for (;;) {
    int n = ::recvmmsg(socket_.fd(), messages_.data(), kBurst, MSG_DONTWAIT, nullptr);
    if (n <= 0) return total;  // EAGAIN: empty
    // One clock read per burst: the datagrams of one recvmmsg arrived within microseconds.
    const uint64_t arrival_ns = monotonic_ns();
    for (int i = 0; i < n; ++i) {
      sink_.on_wire({buffers_[i].data(), messages_[i].msg_len}, arrival_ns);
    }
    total += static_cast<size_t>(n);
  }
}

}  // namespace rr::rtpgen
