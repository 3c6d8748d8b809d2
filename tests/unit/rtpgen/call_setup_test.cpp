// rtpgen's ng call set-up against a fake relay: where each side must send comes from the
// right reply, a refused destination stops the set-up, and every offered call is deleted.
#include "tools/rtpgen/call_setup.hpp"

#include <gtest/gtest.h>

#include "control/bencode/encode.hpp"
#include "tests/unit/rtpgen/fake_ng_server.hpp"

namespace rr::rtpgen {
namespace {

// Offers get the relay port 30000, answers 30002, from `relay_address`; deletes get ok.
std::function<std::string(const std::string&)> relay(std::string relay_address) {
  return [relay_address](const std::string& request) -> std::string {
    bencode::Value body = bencode::Value::dict();
    body.set("result", "ok");
    bool offer = request.find("5:offer") != std::string::npos;
    bool answer = request.find("6:answer") != std::string::npos;
    if (offer || answer) {
      std::string port = offer ? "30000" : "30002";
      body.set("sdp", "v=0\r\nc=IN IP4 " + relay_address + "\r\nm=audio " + port + " RTP/AVP 0\r\n");
    }
    return bencode::encode(body);
  };
}

TEST(CallSetup, EachSideSendsWhereTheOtherSidesReplySays) {
  test::FakeServer server(relay("127.0.0.1"));
  ngclient::Client client(*Endpoint::parse(server.address()), {2000, 1});
  const Endpoint a{IpAddress::v4(127, 0, 0, 1), 40000}, b{IpAddress::v4(127, 0, 0, 1), 40002};
  CallPlan plan = set_up_calls(client, 3, a, b, "t-", DestinationPolicy{});
  ASSERT_TRUE(plan.error.empty()) << plan.error;
  ASSERT_EQ(plan.calls.size(), 3u);
  EXPECT_EQ(plan.calls[2].call_id, "t-2");
  // A sends to the port in the answer's SDP (sent to A), B to the one in the offer's.
  EXPECT_EQ(plan.a_destinations[0].to_endpoint()->port, 30002);
  EXPECT_EQ(plan.b_destinations[0].to_endpoint()->port, 30000);
  EXPECT_EQ(server.count("m=audio 40000"), 3u);  // offers carry A's socket
  EXPECT_EQ(server.count("m=audio 40002"), 3u);  // answers carry B's
  EXPECT_EQ(tear_down_calls(client, plan.calls), 0u);
  EXPECT_EQ(server.count("6:delete"), 3u);
}

TEST(CallSetup, RefusesARelayThatPointsOffTheHost) {
  test::FakeServer server(relay("192.0.2.1"));
  ngclient::Client client(*Endpoint::parse(server.address()), {2000, 1});
  const Endpoint a{IpAddress::v4(127, 0, 0, 1), 40000}, b{IpAddress::v4(127, 0, 0, 1), 40002};
  CallPlan plan = set_up_calls(client, 5, a, b, "t-", DestinationPolicy{});
  EXPECT_NE(plan.error.find("refusing to send to 192.0.2.1:30000"), std::string::npos) << plan.error;
  ASSERT_EQ(plan.calls.size(), 1u);  // the offered call is still there: it must be deleted
  // Inside a private namespace the same relay is fine.
  CallPlan allowed = set_up_calls(client, 1, a, b, "u-", DestinationPolicy{true, false});
  EXPECT_TRUE(allowed.error.empty()) << allowed.error;
}

TEST(CallSetup, ErrorReplyStopsTheSetUp) {
  test::FakeServer server("d6:result5:error12:error-reason12:out of portse");
  ngclient::Client client(*Endpoint::parse(server.address()), {2000, 1});
  const Endpoint a{IpAddress::v4(127, 0, 0, 1), 40000}, b{IpAddress::v4(127, 0, 0, 1), 40002};
  CallPlan plan = set_up_calls(client, 5, a, b, "t-", DestinationPolicy{});
  EXPECT_EQ(plan.error, "call 0: offer: out of ports");
  EXPECT_TRUE(plan.calls.empty());
  EXPECT_EQ(server.requests().size(), 1u);
}

}  // namespace
}  // namespace rr::rtpgen
