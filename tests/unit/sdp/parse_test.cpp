#include <gtest/gtest.h>

#include "control/sdp/sdp.hpp"
#include "tests/unit/sdp/samples.hpp"

namespace rr::sdp {
namespace {

using testing::kWebrtc;
using testing::to_crlf;
using testing::trim_first_newline;

TEST(SdpParse, WebrtcOfferModel) {
  auto sdp = parse(to_crlf(kWebrtc));
  ASSERT_TRUE(sdp) << sdp.error();
  EXPECT_EQ(sdp->ending, LineEnding::crlf);
  EXPECT_EQ(sdp->lines.size(), 21u);
  EXPECT_EQ(sdp->origin.session_version, "2");
  EXPECT_EQ(sdp->origin.connection.ip, IpAddress::v4(127, 0, 0, 1));
  EXPECT_EQ(sdp->ice.options, "trickle");
  ASSERT_EQ(sdp->attributes.size(), 2u);
  EXPECT_EQ(sdp->attributes[0].name, "group");
  EXPECT_EQ(sdp->attributes[0].value, "BUNDLE 0");
  EXPECT_EQ(sdp->connection, std::nullopt);
  ASSERT_EQ(sdp->media.size(), 1u);
  const Media& m = sdp->media[0];
  EXPECT_EQ(m.type, "audio");
  EXPECT_EQ(m.port, 52000);
  EXPECT_EQ(m.proto, "UDP/TLS/RTP/SAVPF");
  EXPECT_EQ(m.formats, (std::vector<std::string>{"111", "0"}));
  EXPECT_EQ(m.first_line, 6u);
  EXPECT_EQ(m.end_line, 21u);
  EXPECT_EQ(m.connection->ip, IpAddress::v4(198, 51, 100, 7));
  ASSERT_TRUE(m.rtcp && m.rtcp->connection);
  EXPECT_EQ(m.rtcp->port, 9);
  EXPECT_TRUE(m.rtcp_mux);
  EXPECT_EQ(m.direction, Direction::sendonly);
  EXPECT_EQ(m.ice.ufrag, "EsAw");
  EXPECT_EQ(m.ice.candidates.size(), 1u);
  EXPECT_TRUE(m.ice.end_of_candidates);
  EXPECT_EQ(m.mid, "0");
  ASSERT_EQ(m.attributes.size(), 13u);
  EXPECT_EQ(m.attributes[8].name, "rtcp-mux");
  EXPECT_EQ(m.attributes[8].value, "");
  ASSERT_EQ(m.rtpmaps.size(), 2u);
  EXPECT_EQ(m.rtpmaps[0].encoding, "opus");
  EXPECT_EQ(m.rtpmaps[0].clock_rate, 48000u);
  EXPECT_EQ(m.rtpmaps[0].channels, 2);
  ASSERT_EQ(m.fmtps.size(), 1u);
  EXPECT_EQ(m.fmtps[0].parameters, "minptime=10;useinbandfec=1");
}

TEST(SdpParse, SessionDefaultsAndIpv6) {
  auto sdp = parse(trim_first_newline(R"(
v=0
o=jdoe 2890844526 2890842807 IN IP6 2001:db8::10
s=call
c=IN IP6 2001:db8::10
t=0 0
a=recvonly
m=audio 49170/2 RTP/SAVP 8
a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32
a=ptime:30
m=video 0 RTP/AVP
)"));
  ASSERT_TRUE(sdp) << sdp.error();
  EXPECT_EQ(sdp->ending, LineEnding::lf);
  EXPECT_EQ(sdp->connection->ip, IpAddress::parse("2001:db8::10"));
  EXPECT_EQ(sdp->direction, Direction::recvonly);
  ASSERT_EQ(sdp->media.size(), 2u);
  EXPECT_EQ(sdp->media[0].direction, Direction::recvonly) << "inherits the session default";
  EXPECT_EQ(sdp->media[0].port_count, 2);
  EXPECT_EQ(sdp->media[0].ptime, 30u);
  EXPECT_EQ(sdp->media[0].crypto.size(), 1u);
  EXPECT_FALSE(sdp->media[0].connection);
  EXPECT_TRUE(sdp->media[1].disabled());
  EXPECT_TRUE(sdp->media[1].formats.empty());
}

TEST(SdpParse, LineEndingsAndTrailingBlankLines) {
  struct Row {
    const char* name;
    std::string text;
    LineEnding ending;
    size_t lines;
  };
  const Row rows[] = {
      {"crlf", "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n", LineEnding::crlf, 3},
      {"lf", "v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\n", LineEnding::lf, 3},
      {"no final newline", "v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-", LineEnding::lf, 3},
      {"trailing blank lines", "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n\r\n\r\n", LineEnding::crlf, 2},
      {"fqdn origin", "v=0\no=- 1 1 IN IP4 pbx.example.com\n", LineEnding::lf, 2},
      {"64-bit session version", "v=0\no=- 1 18446744073709551615 IN IP4 192.0.2.1\n",
       LineEnding::lf, 2},
  };
  for (const auto& row : rows) {
    auto sdp = parse(row.text);
    ASSERT_TRUE(sdp) << row.name << ": " << sdp.error();
    EXPECT_EQ(sdp->ending, row.ending) << row.name;
    EXPECT_EQ(sdp->lines.size(), row.lines) << row.name;
  }
}

TEST(SdpParse, RejectsHostileInputWithClearErrors) {
  const std::string head = "v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\n";
  struct Row {
    std::string text;
    std::string error;
  };
  const std::vector<Row> rows = {
      {"", "sdp: empty"},
      {"x=0\n", "sdp: x= line 1: expected v=0"},
      {"v=1\n", "sdp: v= line 1: expected v=0"},
      {"v=0\ns=-\n", "sdp: missing o= line"},
      {"v=0\no=- 1 IN IP4 1.2.3.4\n", "sdp: o= line 2: expected 6 fields"},
      {"v=0\no=- 1 x IN IP4 1.2.3.4\n", "sdp: o= line 2: bad session version"},
      {"v=0\no=- 1 18446744073709551616 IN IP4 1.2.3.4\n", "sdp: o= line 2: bad session version"},
      {head + "m=audio 70000 RTP/AVP 0\n", "sdp: m= line 4: bad port"},
      {head + "m=audio -1 RTP/AVP 0\n", "sdp: m= line 4: bad port"},
      {head + "m=audio 4000/0 RTP/AVP 0\n", "sdp: m= line 4: bad port count"},
      {head + "m=audio 4000 RTP/AVP\n", "sdp: m= line 4: no formats"},
      {head + "m=audio\n", "sdp: m= line 4: expected <media> <port> <proto> <formats>"},
      {head + "c=IN IP4 1.2.3.4\nc=IN IP4 1.2.3.5\n", "sdp: c= line 5: second c= line"},
      {head + "c=IN IP4 2001:db8::1\n", "sdp: c= line 4: address does not match type"},
      {head + "c=IN IP6 1.2.3.4\n", "sdp: c= line 4: address does not match type"},
      {head + "c=IN IP6 2001:db8:::zz\n", "sdp: c= line 4: bad address"},
      {head + "c=ATM NSAP 1\n", "sdp: c= line 4: unknown network type"},
      {head + "c=IN IP5 1.2.3.4\n", "sdp: c= line 4: unknown address type"},
      {head + "c=IN IP4\n", "sdp: c= line 4: expected <nettype> <addrtype> <address>"},
      {head + "m=audio 4000 RTP/AVP 0\na=rtpmap:0 PCMU\n", "sdp: a= line 5: bad rtpmap encoding"},
      {head + "m=audio 4000 RTP/AVP 0\na=rtpmap:300 PCMU/8000\n", "sdp: a= line 5: bad rtpmap payload type"},
      {head + "m=audio 4000 RTP/AVP 0\na=rtpmap:0 PCMU/0\n", "sdp: a= line 5: bad rtpmap clock rate"},
      {head + "m=audio 4000 RTP/AVP 0\na=rtpmap:0 PCMU/8000/x\n", "sdp: a= line 5: bad rtpmap channels"},
      {head + "m=audio 4000 RTP/AVP 0\na=rtcp:99999\n", "sdp: a= line 5: bad rtcp port"},
      {head + "m=audio 4000 RTP/AVP 0\na=rtcp:4001 IN IP4\n", "sdp: a= line 5: bad rtcp"},
      {head + "m=audio 4000 RTP/AVP 0\na=ptime:abc\n", "sdp: a= line 5: bad ptime"},
      {head + "m=audio 4000 RTP/AVP 0\na=fmtp:x 0-15\n", "sdp: a= line 5: bad fmtp payload type"},
      {head + "m=audio 4000 RTP/AVP 0\no=- 1 1 IN IP4 1.2.3.4\n", "sdp: o= line 5: second o= line"},
      {head + "v=0\n", "sdp: v= line 4: second v= line"},
      {head + "\nt=0 0\n", "sdp: line 4: empty line"},
      {head + "t 0 0\n", "sdp: line 4: malformed line"},
      {head + "T=0 0\n", "sdp: line 4: malformed line"},
      {head + "s=a\rb\n", "sdp: line 4: control character in line"},
      {head + std::string("s=a\0b\n", 6), "sdp: line 4: control character in line"},
      {head + "a=" + std::string(kMaxLineBytes, 'x') + "\n", "sdp: line 4: line too long"},
      {std::string(kMaxSdpBytes + 1, 'v'), "sdp: larger than 64 KiB"},
  };
  for (const auto& row : rows) {
    auto sdp = parse(row.text);
    ASSERT_FALSE(sdp) << row.error;
    EXPECT_EQ(sdp.error(), row.error);
  }
}

TEST(SdpParse, BoundsMediaCount) {
  std::string text = "v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\n";
  for (size_t i = 0; i < kMaxMedia; ++i) text += "m=audio 0 RTP/AVP 0\n";
  ASSERT_TRUE(parse(text));
  text += "m=audio 0 RTP/AVP 0\n";
  auto sdp = parse(text);
  ASSERT_FALSE(sdp);
  EXPECT_EQ(sdp.error(), "sdp: m= line 36: too many m= lines");
}

}  // namespace
}  // namespace rr::sdp
