// Behind 1:1 NAT (rtpengine's --interface NAME/LOCAL!ADVERTISED) the SDP and the query's
// "advertised endpoint" carry the public address; the data plane keeps the local one.
#include <gtest/gtest.h>

#include "tests/unit/session/fixture.hpp"

namespace rr::session::testing {
namespace {

// "pub" (203.0.113.1) is behind NAT as 198.18.0.1; "priv" is not.
class Advertised : public ::testing::Test {
 protected:
  static SessionsConfig natted(FakeClock& clock) {
    SessionsConfig config = test_config(clock);
    config.interfaces[0].advertised[*IpAddress::parse("203.0.113.1")] =
        *IpAddress::parse("198.18.0.1");
    return config;
  }

  FakeClock clock;
  RecordingForwarding forwarding;
  Sessions sessions{natted(clock), forwarding};
};

TEST_F(Advertised, SdpAndQueryCarryThePublicAddressTheDataPlaneTheLocalOne) {
  OfferRequest offer = offer_request("c1", "A", audio_sdp("192.0.2.10", 4000));
  offer.flags.replace_origin = true;
  const auto offered = sessions.offer(offer);
  ASSERT_TRUE(offered.ok()) << offered.error().reason;
  EXPECT_NE(offered.value().sdp.find("o=- 1545997027 1 IN IP4 198.18.0.1\r\n"), std::string::npos);
  EXPECT_NE(offered.value().sdp.find("c=IN IP4 198.18.0.1\r\n"), std::string::npos);
  EXPECT_EQ(offered.value().sdp.find("203.0.113.1"), std::string::npos);

  const auto answered =
      sessions.answer(answer_request("c1", "A", "B", audio_sdp("198.51.100.20", 5000)));
  ASSERT_TRUE(answered.ok()) << answered.error().reason;
  EXPECT_NE(answered.value().sdp.find("c=IN IP4 198.18.0.1\r\n"), std::string::npos);
  ASSERT_EQ(forwarding.published.size(), 1u);
  EXPECT_EQ(forwarding.published[0].a.relay_rtp.address, *IpAddress::parse("203.0.113.1"));

  QueryRequest query;
  query.call_id = "c1";
  const auto snapshot = sessions.query(query);
  ASSERT_TRUE(snapshot.ok());
  const StreamSnapshot& stream = snapshot.value().legs.at(0).medias.at(0).streams.at(0);
  EXPECT_EQ(stream.local.address, *IpAddress::parse("203.0.113.1"));
  EXPECT_EQ(stream.advertised, (Endpoint{*IpAddress::parse("198.18.0.1"), stream.local.port}));
}

TEST_F(Advertised, AnInterfaceWithoutNatAdvertisesItself) {
  OfferRequest offer = offer_request("c1", "A", audio_sdp("192.0.2.10", 4000));
  offer.direction = {"pub", "priv"};
  const auto offered = sessions.offer(offer);
  ASSERT_TRUE(offered.ok()) << offered.error().reason;
  EXPECT_NE(offered.value().sdp.find("c=IN IP4 10.0.0.1\r\n"), std::string::npos);
}

}  // namespace
}  // namespace rr::session::testing
