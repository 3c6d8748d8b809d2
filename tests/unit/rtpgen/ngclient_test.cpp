#include <gtest/gtest.h>

#include "tools/ngclient/calls.hpp"
#include "tools/ngclient/message.hpp"

namespace rr::ngclient {
namespace {

TEST(NgReply, ParsesOrExplains) {
  struct Row {
    const char* name;
    std::string datagram;
    bool ok;
    const char* cookie;
  };
  const Row rows[] = {
      {"pong", "c1 d6:result4:ponge", true, "c1"},
      {"no space", "d6:result4:ponge", false, ""},
      {"empty cookie", " d6:result4:ponge", false, ""},
      {"not a dict", "c2 l4:ponge", false, "c2"},
      {"truncated", "c3 d6:result4:po", false, "c3"},
      {"empty", "", false, ""},
  };
  for (const Row& row : rows) {
    Reply reply = parse_reply(row.datagram);
    EXPECT_EQ(reply.ok(), row.ok) << row.name << ": " << reply.error;
    EXPECT_EQ(reply.cookie, row.cookie) << row.name;
  }
}

TEST(NgReply, ErrorReason) {
  struct Row {
    const char* body;
    std::optional<std::string> error;
  };
  const Row rows[] = {
      {"d6:result2:oke", std::nullopt},
      {"d6:result4:ponge", std::nullopt},
      {"d6:result5:error12:error-reason15:Unknown call-ide", "Unknown call-id"},
      {"d6:result5:errore", "error without error-reason"},
      {"d6:result4:loade", "unexpected result \"load\""},
      {"d3:sdp1:xe", "reply without a result"},
  };
  for (const Row& row : rows) {
    Reply reply = parse_reply(std::string("k ") + row.body);
    ASSERT_TRUE(reply.ok()) << row.body;
    EXPECT_EQ(reply_error(reply.body), row.error) << row.body;
  }
}

TEST(NgRequest, FramesCookieAndBencode) {
  bencode::Value body = bencode::Value::dict();
  body.set("command", "ping");
  std::string out = "stale";
  frame_request("7_1", body, out);
  EXPECT_EQ(out, "7_1 d7:command4:pinge");
}

TEST(NgRequest, CookiesAreUnique) {
  CookieSource cookies;
  EXPECT_NE(cookies.next(), cookies.next());
}

TEST(Sdp, AudioEndpoint) {
  struct Row {
    const char* name;
    std::string sdp;
    std::optional<std::string> expected;
  };
  const Row rows[] = {
      {"session c=", "v=0\r\nc=IN IP4 10.0.0.1\r\nm=audio 30000 RTP/AVP 0\r\n", "10.0.0.1:30000"},
      {"media c= wins", "c=IN IP4 10.0.0.1\nm=audio 4000 RTP/AVP 0\nc=IN IP4 10.0.0.2\n", "10.0.0.2:4000"},
      {"IPv6", "c=IN IP6 ::1\r\nm=audio 5000 RTP/AVP 0\r\n", "[::1]:5000"},
      {"video first", "c=IN IP4 1.1.1.1\nm=video 9 RTP/AVP 96\nc=IN IP4 2.2.2.2\nm=audio 7 RTP/AVP 0\n",
       "1.1.1.1:7"},
      {"multicast ttl", "c=IN IP4 224.2.1.1/127\nm=audio 6000 RTP/AVP 0\n", "224.2.1.1:6000"},
      {"no audio", "c=IN IP4 1.1.1.1\nm=video 9 RTP/AVP 96\n", std::nullopt},
      {"no c=", "m=audio 7 RTP/AVP 0\n", std::nullopt},
      {"port 0", "c=IN IP4 1.1.1.1\nm=audio 0 RTP/AVP 0\n", std::nullopt},
      {"garbage port", "c=IN IP4 1.1.1.1\nm=audio x RTP/AVP 0\n", std::nullopt},
      {"empty", "", std::nullopt},
  };
  for (const Row& row : rows) {
    std::optional<Endpoint> got = audio_endpoint(row.sdp);
    EXPECT_EQ(got ? std::optional<std::string>(got->to_string()) : std::nullopt, row.expected) << row.name;
  }
}

TEST(Sdp, G711OfferReadsBack) {
  Endpoint media{IpAddress::v4(127, 0, 0, 1), 40000};
  std::string sdp = g711_sdp(media, 5);
  EXPECT_EQ(audio_endpoint(sdp), media);
  EXPECT_NE(sdp.find("a=rtpmap:0 PCMU/8000\r\n"), std::string::npos);
  bencode::Value offer = offer_request({"c", "f", "t"}, sdp, media.address);
  EXPECT_EQ(offer.get_string("command"), "offer");
  EXPECT_EQ(offer.find("to-tag"), nullptr);
  bencode::Value answer = answer_request({"c", "f", "t"}, sdp, media.address);
  EXPECT_EQ(answer.get_string("to-tag"), "t");
}

}  // namespace
}  // namespace rr::ngclient
