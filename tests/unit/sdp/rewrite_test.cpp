// Golden cases in rtpengine's spirit: SDP in, a plan, the exact SDP out. Goldens that
// differ from another in a line or two are written as edits of it.
#include <gtest/gtest.h>

#include "control/sdp/rewrite.hpp"
#include "tests/unit/sdp/samples.hpp"

namespace rr::sdp {
namespace {

using namespace testing;

const IpAddress kRelay4 = IpAddress::v4(203, 0, 113, 1);
const IpAddress kRelay6 = *IpAddress::parse("2001:db8::1");

MediaPlan relay(IpAddress address, uint16_t rtp, std::optional<uint16_t> rtcp) {
  MediaPlan p;
  p.address = address;
  p.rtp_port = rtp;
  p.rtcp_port = rtcp;
  return p;
}

RewritePlan plan_for(std::vector<MediaPlan> media) {
  RewritePlan p;
  p.media = std::move(media);
  return p;
}

struct Golden {
  std::string name;
  bool crlf;
  std::string_view in;
  RewritePlan plan;
  std::string out;
};

constexpr std::string_view kAsteriskRelayed = R"(
v=0
o=- 1234 1234 IN IP4 203.0.113.1
s=Asterisk
c=IN IP4 203.0.113.1
t=0 0
m=audio 10000 RTP/AVP 0 8 101
a=rtpmap:0 PCMU/8000
a=rtpmap:8 PCMA/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-16
a=ptime:20
a=maxptime:150
a=sendrecv
a=rtcp:10001
)";

constexpr std::string_view kAudioVideoRelayed = R"(
v=0
o=alice 2890844526 2890844526 IN IP4 198.51.100.2
s=-
c=IN IP4 198.51.100.2
t=0 0
m=audio 10000 RTP/AVP 0
c=IN IP4 203.0.113.1
a=rtpmap:0 PCMU/8000
a=rtcp:10001
m=video 10002 RTP/AVP 99
c=IN IP4 203.0.113.1
b=AS:512
a=rtpmap:99 H264/90000
a=fmtp:99 profile-level-id=42e01f;packetization-mode=1
a=rtcp:10003
)";

constexpr std::string_view kMuxRelayed = R"(
v=0
o=- 7 7 IN IP4 192.0.2.20
s=-
t=0 0
m=audio 10000 RTP/AVP 8
c=IN IP4 203.0.113.1
a=rtcp:10001
a=rtcp-mux
a=sendrecv
)";

constexpr std::string_view kLinphoneRelayed = R"(
v=0
o=bob 3036 1017 IN IP4 192.0.2.30
s=Talk
c=IN IP4 203.0.113.1
t=0 0
m=audio 10000 RTP/SAVP 96 0
a=rtpmap:96 opus/48000/2
a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNk
a=rtcp-fb:96 nack
a=rtcp:10001
)";

void add_asterisk(std::vector<Golden>& g) {
  RewritePlan p = plan_for({relay(kRelay4, 10000, 10001)});
  p.origin_address = kRelay4;
  const std::string relayed(kAsteriskRelayed);
  g.push_back({"asterisk g711, replace origin, session c= carries the media", true, kAsterisk, p,
               relayed});
  g.push_back({"LF input gives LF output", false, kAsterisk, p, relayed});
  p.media[0].rtcp_mux = RtcpMux::add;
  g.push_back({"rtcp-mux offer: added to an SDP without it", true, kAsterisk, p,
               edit(relayed, {{"a=rtcp:10001\n", "a=rtcp:10001\na=rtcp-mux\n"}})});
  p = plan_for({relay(kRelay6, 10000, 10001)});
  p.origin_address = kRelay6;
  g.push_back({"bridging IPv4 to IPv6", true, kAsterisk, p,
               edit(relayed, {{"IN IP4 203.0.113.1", "IN IP6 2001:db8::1"}})});
  p = plan_for({relay(kRelay4, 10000, 10001)});
  p.origin_version = 1235;
  g.push_back({"origin version bumped, address kept", true, kAsterisk, p,
               edit(relayed, {{"1234 1234 IN IP4 203.0.113.1", "1234 1235 IN IP4 192.168.1.10"}})});
}

void add_audio_video(std::vector<Golden>& g) {
  RewritePlan p = plan_for({relay(kRelay4, 10000, 10001), relay(kRelay4, 10002, 10003)});
  const std::string relayed(kAudioVideoRelayed);
  g.push_back({"audio+video with media c=: session c= untouched", true, kAudioVideo, p, relayed});
  p.replace_session_connection = true;
  p.origin_address = kRelay4;
  g.push_back({"replace session-connection and origin", true, kAudioVideo, p,
               edit(relayed, {{"IN IP4 198.51.100.2", "IN IP4 203.0.113.1"}})});
  p = plan_for({MediaPlan{}, relay(kRelay4, 10002, 10003)});
  g.push_back({"plan port 0 rejects an offered media, the rest of it is copied", true, kAudioVideo, p,
               edit(relayed, {{"m=audio 10000 RTP/AVP 0\nc=IN IP4 203.0.113.1\n",
                               "m=audio 0 RTP/AVP 0\nc=IN IP4 198.51.100.2\n"},
                              {"a=rtcp:10001\n", ""}})});
}

void add_rtcp_mux(std::vector<Golden>& g) {
  RewritePlan p = plan_for({relay(kRelay4, 10000, 10001)});
  const std::string relayed(kMuxRelayed);
  g.push_back({"rtcp-mux accept: kept, a=rtcp rewritten in place", true, kMuxOffer, p, relayed});
  p.media[0].rtcp_mux = RtcpMux::add;
  g.push_back({"rtcp-mux offer: not duplicated", true, kMuxOffer, p, relayed});
  p.media[0].rtcp_mux = RtcpMux::remove;
  g.push_back({"rtcp-mux demux: removed", true, kMuxOffer, p, edit(relayed, {{"a=rtcp-mux\n", ""}})});
  p.media[0].rtcp_mux = RtcpMux::keep;
  p.media[0].rtcp_address = IpAddress::v4(203, 0, 113, 2);
  p.media[0].rtcp_port = 10501;
  g.push_back({"a=rtcp names the address when RTCP goes elsewhere", true, kMuxOffer, p,
               edit(relayed, {{"a=rtcp:10001", "a=rtcp:10501 IN IP4 203.0.113.2"}})});
  p.media[0].rtcp_port.reset();
  g.push_back({"no RTCP port: the peer's a=rtcp is dropped, never leaked", true, kMuxOffer, p,
               edit(relayed, {{"a=rtcp:10001\n", ""}})});
  p = plan_for({relay(kRelay4, 10000, 10001)});
  p.media[0].crypto = std::vector<std::string>{"1 AES_CM_128_HMAC_SHA1_80 inline:QUJD"};
  p.media[0].proto = "RTP/SAVP";
  g.push_back({"proto change AVP to SAVP appends crypto", true, kMuxOffer, p,
               edit(relayed, {{"RTP/AVP", "RTP/SAVP"},
                              {"a=sendrecv\n", "a=sendrecv\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:QUJD\n"}})});
}

void add_crypto(std::vector<Golden>& g) {
  RewritePlan p = plan_for({relay(kRelay4, 10000, 10001)});
  p.media[0].crypto = std::vector<std::string>{
      "1 AES_CM_128_HMAC_SHA1_80 inline:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNk"};
  const std::string relayed(kLinphoneRelayed);
  g.push_back({"linphone crypto lines replaced in place", false, kLinphoneSrtp, p, relayed});
  p.media[0].crypto = std::vector<std::string>{};
  p.media[0].proto = "RTP/AVP";
  g.push_back({"proto change SAVP to AVP drops crypto", false, kLinphoneSrtp, p,
               edit(relayed, {{"RTP/SAVP", "RTP/AVP"},
                              {"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNk\n", ""}})});
}

void add_others(std::vector<Golden>& g) {
  RewritePlan p = plan_for({relay(kRelay4, 10000, 10000)});
  p.media[0].proto = "RTP/AVP";
  p.remove_ice = true;
  p.remove_attributes = {"fingerprint", "setup"};
  g.push_back({"WebRTC offer: ICE and DTLS removed, proto to RTP/AVP, mux kept", true, kWebrtc, p, R"(
v=0
o=- 4611731400430051336 2 IN IP4 127.0.0.1
s=-
t=0 0
a=group:BUNDLE 0
m=audio 10000 RTP/AVP 111 0
c=IN IP4 203.0.113.1
a=rtcp:10000 IN IP4 203.0.113.1
a=mid:0
a=sendonly
a=rtcp-mux
a=rtpmap:111 opus/48000/2
a=fmtp:111 minptime=10;useinbandfec=1
a=rtpmap:0 PCMU/8000
)"});
  p = plan_for({relay(kRelay4, 10000, 10001), relay(kRelay4, 0, std::nullopt)});
  g.push_back({"disabled media keeps port 0 and its lines", true, R"(
v=0
o=- 5 5 IN IP4 192.0.2.9
s=-
c=IN IP4 192.0.2.9
t=0 0
m=audio 4000 RTP/AVP 0
m=video 0 RTP/AVP 96
a=rtpmap:96 VP8/90000
)", p, R"(
v=0
o=- 5 5 IN IP4 192.0.2.9
s=-
c=IN IP4 203.0.113.1
t=0 0
m=audio 10000 RTP/AVP 0
a=rtcp:10001
m=video 0 RTP/AVP 96
a=rtpmap:96 VP8/90000
)"});
  p = plan_for({relay(kRelay6, 10000, 10001)});
  p.origin_address = kRelay6;
  g.push_back({"IPv6 in, IPv6 relay, a=rtcp keeps its address form", false, R"(
v=0
o=- 1 1 IN IP6 2001:db8:0:1::20
s=-
c=IN IP6 2001:db8:0:1::20
t=0 0
m=audio 5004 RTP/AVP 9
a=rtcp:5005 IN IP6 2001:db8:0:1::20
)", p, R"(
v=0
o=- 1 1 IN IP6 2001:db8::1
s=-
c=IN IP6 2001:db8::1
t=0 0
m=audio 10000 RTP/AVP 9
a=rtcp:10001 IN IP6 2001:db8::1
)"});
  p = plan_for({relay(kRelay4, 10000, 10001), relay(kRelay6, 10002, 10003)});
  g.push_back({"no session c=: media c= inserted after m= and i=, port count dropped", true, R"(
v=0
o=- 9 9 IN IP4 192.0.2.40
s=-
t=0 0
m=audio 4000/2 RTP/AVP 0
i=main audio
a=sendonly
m=audio 4010 RTP/AVP 0
)", p, R"(
v=0
o=- 9 9 IN IP4 192.0.2.40
s=-
t=0 0
m=audio 10000 RTP/AVP 0
i=main audio
c=IN IP4 203.0.113.1
a=sendonly
a=rtcp:10001
m=audio 10002 RTP/AVP 0
c=IN IP6 2001:db8::1
a=rtcp:10003
)"});
}

std::vector<Golden> goldens() {
  std::vector<Golden> g;
  add_asterisk(g);
  add_audio_video(g);
  add_rtcp_mux(g);
  add_crypto(g);
  add_others(g);
  return g;
}

TEST(SdpRewrite, Goldens) {
  for (const auto& golden : goldens()) {
    std::string in = golden.crlf ? to_crlf(golden.in) : trim_first_newline(golden.in);
    std::string want = golden.crlf ? to_crlf(golden.out) : trim_first_newline(golden.out);
    auto sdp = parse(in);
    ASSERT_TRUE(sdp) << golden.name << ": " << sdp.error();
    auto out = rewrite(*sdp, golden.plan);
    ASSERT_TRUE(out) << golden.name << ": " << out.error();
    EXPECT_EQ(*out, want) << golden.name;
    EXPECT_TRUE(parse(*out)) << golden.name << ": the output parses again";
  }
}

TEST(SdpRewrite, DisabledMediaAloneIsIdentity) {
  std::string in = to_crlf(R"(
v=0
o=- 1 1 IN IP4 192.0.2.1
s=-
c=IN IP4 192.0.2.1
t=0 0
m=audio 0 RTP/AVP 0
a=rtpmap:0 PCMU/8000
)");
  auto sdp = parse(in);
  ASSERT_TRUE(sdp);
  auto out = rewrite(*sdp, plan_for({relay(kRelay4, 10000, 10001)}));
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, in);
}

TEST(SdpRewrite, PlanMustMatchMediaCount) {
  auto sdp = parse(to_crlf(kAudioVideo));
  ASSERT_TRUE(sdp);
  auto out = rewrite(*sdp, plan_for({relay(kRelay4, 10000, 10001)}));
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error(), "sdp: rewrite plan has 1 media, SDP has 2");
}

}  // namespace
}  // namespace rr::sdp
