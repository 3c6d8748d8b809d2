// rtpgen sender → rtpgen sink over 127.0.0.1 with no relay: the kernel's loopback does
// not lose packets at this rate, so every packet must arrive, exactly once, in order.
#include <gtest/gtest.h>

#include <string>

#include "tools/ngclient/udp_socket.hpp"
#include "tools/rtpgen/clock.hpp"
#include "tools/rtpgen/sender.hpp"
#include "tools/rtpgen/sink.hpp"
#include "tools/rtpgen/traffic.hpp"

namespace rr::rtpgen {
namespace {

ngclient::UdpSocket bind_loopback() {
  std::string error;
  ngclient::UdpSocket socket = ngclient::UdpSocket::bind({IpAddress::v4(127, 0, 0, 1), 0}, error);
  EXPECT_TRUE(socket.valid()) << error;
  socket.set_buffer_sizes(4 << 20);
  return socket;
}

TEST(Loopback, TenStreamsForOneSecondArriveComplete) {
  constexpr uint32_t kStreams = 10;
  constexpr uint64_t kPackets = kStreams * 50;  // 50 pps per stream for 1 s
  ngclient::UdpSocket tx = bind_loopback();
  ngclient::UdpSocket rx = bind_loopback();
  const Endpoint to = *rx.local_endpoint();
  SocketTransmitter transmitter(tx, std::vector<ngclient::SockAddr>(kStreams, ngclient::SockAddr::from(to)));
  Sender sender(transmitter, kStreams, 0, Pacer(monotonic_ns(), 50.0 * kStreams, kPackets));
  Sink sink(kStreams, kStreams);
  SocketReceiver receiver(rx, sink);
  Sender* senders[] = {&sender};
  SocketReceiver* sinks[] = {&receiver};
  run_traffic(senders, sinks, TrafficOptions{200'000'000, nullptr});

  EXPECT_EQ(sender.sent(), kPackets);
  EXPECT_EQ(sender.send_errors(), 0u);
  uint64_t received = 0;
  for (uint32_t s = 0; s < kStreams; ++s) {
    const ReceiveStats& stats = sink.stats(s);
    EXPECT_EQ(stats.received(), 50u) << "stream " << s;
    EXPECT_EQ(stats.lost(), 0u) << "stream " << s;
    EXPECT_EQ(stats.duplicates(), 0u) << "stream " << s;
    EXPECT_EQ(sink.latency(s)->count(), 50u) << "stream " << s;
    received += stats.received();
  }
  EXPECT_EQ(received, kPackets);
  EXPECT_EQ(sink.total_latency().count(), kPackets);
  EXPECT_EQ(sink.ignored(), 0u);
}

TEST(Loopback, SinkCountsForeignDatagramsInsteadOfCrashing) {
  ngclient::UdpSocket tx = bind_loopback();
  ngclient::UdpSocket rx = bind_loopback();
  std::string error;
  ngclient::UdpSocket connected = ngclient::UdpSocket::connect(*rx.local_endpoint(), error);
  ASSERT_TRUE(connected.valid()) << error;
  const uint8_t junk[] = {0x80, 0x00, 0x01};
  const uint8_t pcma[40] = {0x80, 0x08};
  ASSERT_TRUE(connected.send(junk));
  ASSERT_TRUE(connected.send(pcma));
  Sink sink(1, 1);
  SocketReceiver receiver(rx, sink);
  SocketReceiver* sinks[] = {&receiver};
  run_traffic({}, sinks, TrafficOptions{100'000'000, nullptr});
  EXPECT_EQ(sink.dropped(ParseError::too_short), 1u);
  EXPECT_EQ(sink.dropped(ParseError::wrong_payload_type), 1u);
  EXPECT_EQ(sink.stats(0).received(), 0u);
}

}  // namespace
}  // namespace rr::rtpgen
