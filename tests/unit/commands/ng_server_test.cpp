// The ng server's processor with SessionHandler plugged in: datagrams in, datagrams out,
// as Kamailio exchanges them. A retransmitted offer must not allocate twice.
#include <gtest/gtest.h>

#include "control/bencode/decode.hpp"
#include "control/bencode/encode.hpp"
#include "control/commands/handlers.hpp"
#include "control/ng/processor.hpp"
#include "tests/unit/session/fixture.hpp"

namespace rr::commands {
namespace {

TEST(NgServer, OfferDatagramRoundTripAndRetransmission) {
  session::testing::FakeClock clock;
  session::testing::RecordingForwarding forwarding;
  session::Sessions sessions(session::testing::test_config(clock), forwarding);
  SessionHandler handler(sessions);
  ng::RequestProcessor processor(&handler, {});

  bencode::Value offer = bencode::Value::dict();
  offer.set("command", "offer").set("call-id", "c1").set("from-tag", "A");
  offer.set("sdp", session::testing::audio_sdp("192.0.2.10", 4000));
  const std::string datagram = "5_1234 " + bencode::encode(offer);
  const Endpoint proxy{*IpAddress::parse("127.0.0.1"), 5060};

  const ng::Outcome first = processor.process(datagram, proxy);
  ASSERT_TRUE(first.reply.has_value());
  ASSERT_EQ(first.reply->rfind("5_1234 ", 0), 0u) << *first.reply;
  const bencode::DecodeResult reply = bencode::decode(first.reply->substr(7));
  ASSERT_TRUE(reply.ok()) << reply.error;
  EXPECT_EQ(reply.value.get_string("result"), "ok");
  EXPECT_NE(reply.value.get_string("sdp")->find("203.0.113.1"), std::string::npos);

  const uint64_t used = sessions.statistics().ports_used;
  const ng::Outcome again = processor.process(datagram, proxy);
  EXPECT_TRUE(again.from_cache);
  EXPECT_EQ(again.reply, first.reply);
  EXPECT_EQ(sessions.statistics().ports_used, used);
}

}  // namespace
}  // namespace rr::commands
