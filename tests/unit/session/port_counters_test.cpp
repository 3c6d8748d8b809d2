// Relay ports per interface for metrics: each call's ports are counted on the interface
// that holds them, and come back on delete.
#include <gtest/gtest.h>

#include "tests/unit/session/fixture.hpp"

namespace rr::session::testing {
namespace {

TEST(PortCounters, CountedPerInterfaceInConfigOrder) {
  FakeClock clock;
  RecordingForwarding forwarding;
  Sessions sessions(test_config(clock, 10000, 10009), forwarding);
  OfferRequest offer = offer_request("c1", "A", audio_sdp("192.0.2.10", 4000));
  offer.direction = {"pub", "priv"};
  ASSERT_TRUE(sessions.offer(offer).ok());

  std::vector<InterfacePorts> ports = sessions.port_counters();
  ASSERT_EQ(ports.size(), 2u);
  EXPECT_EQ(ports[0].interface, "pub");
  EXPECT_EQ(ports[0].counters.used, 2u) << "the offerer's RTP+RTCP pair";
  EXPECT_EQ(ports[0].counters.free, 8u);
  EXPECT_EQ(ports[1].interface, "priv");
  EXPECT_EQ(ports[1].counters.used, 2u) << "the receiver's pair";
  EXPECT_EQ(ports[1].counters.free, 18u) << "IPv4 and IPv6 ranges summed";

  DeleteRequest end;
  end.call_id = "c1";
  ASSERT_TRUE(sessions.delete_call(end).ok());
  for (const InterfacePorts& p : sessions.port_counters())
    EXPECT_EQ(p.counters.used, 0u) << p.interface;
}

}  // namespace
}  // namespace rr::session::testing
