// Test helpers: real-looking SDPs written as readable LF text, sent as CRLF when a
// case asks for it (CRLF is what SIP peers send), and small edits of a golden text.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rr::sdp::testing {

inline std::string trim_first_newline(std::string_view s) {
  if (!s.empty() && s.front() == '\n') s.remove_prefix(1);
  return std::string(s);
}

inline std::string to_crlf(std::string_view lf) {
  std::string out;
  for (char c : trim_first_newline(lf)) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

// Replaces every occurrence of each `from` by its `to`, in order: a golden that
// differs from another in one line says so instead of repeating the whole SDP.
inline std::string edit(std::string_view base,
                        const std::vector<std::pair<std::string, std::string>>& edits) {
  std::string s(base);
  for (const auto& [from, to] : edits) {
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
      s.replace(at, from.size(), to);
    }
  }
  return s;
}

inline constexpr std::string_view kAsterisk = R"(
v=0
o=- 1234 1234 IN IP4 192.168.1.10
s=Asterisk
c=IN IP4 192.168.1.10
t=0 0
m=audio 16384 RTP/AVP 0 8 101
a=rtpmap:0 PCMU/8000
a=rtpmap:8 PCMA/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-16
a=ptime:20
a=maxptime:150
a=sendrecv
)";

inline constexpr std::string_view kAudioVideo = R"(
v=0
o=alice 2890844526 2890844526 IN IP4 198.51.100.2
s=-
c=IN IP4 198.51.100.2
t=0 0
m=audio 49170 RTP/AVP 0
c=IN IP4 198.51.100.2
a=rtpmap:0 PCMU/8000
m=video 51372 RTP/AVP 99
c=IN IP4 198.51.100.3
b=AS:512
a=rtpmap:99 H264/90000
a=fmtp:99 profile-level-id=42e01f;packetization-mode=1
)";

inline constexpr std::string_view kWebrtc = R"(
v=0
o=- 4611731400430051336 2 IN IP4 127.0.0.1
s=-
t=0 0
a=group:BUNDLE 0
a=ice-options:trickle
m=audio 52000 UDP/TLS/RTP/SAVPF 111 0
c=IN IP4 198.51.100.7
a=rtcp:9 IN IP4 0.0.0.0
a=candidate:842163049 1 udp 1677729535 198.51.100.7 52000 typ srflx raddr 10.0.0.5 rport 52000
a=ice-ufrag:EsAw
a=ice-pwd:bP+XJMM09aR8AiX1jdukzR6Y
a=fingerprint:sha-256 D2:FA:0E:C3:22:59:5E:14:95:69:92:3D:13:B4:84:24:2C:C2:A2:C0:3E:FD:34:8E
a=setup:actpass
a=mid:0
a=sendonly
a=rtcp-mux
a=rtpmap:111 opus/48000/2
a=fmtp:111 minptime=10;useinbandfec=1
a=rtpmap:0 PCMU/8000
a=end-of-candidates
)";

inline constexpr std::string_view kMuxOffer = R"(
v=0
o=- 7 7 IN IP4 192.0.2.20
s=-
t=0 0
m=audio 30000 RTP/AVP 8
c=IN IP4 192.0.2.20
a=rtcp:30001
a=rtcp-mux
a=sendrecv
)";

inline constexpr std::string_view kLinphoneSrtp = R"(
v=0
o=bob 3036 1017 IN IP4 192.0.2.30
s=Talk
c=IN IP4 192.0.2.30
t=0 0
m=audio 7078 RTP/SAVP 96 0
a=rtpmap:96 opus/48000/2
a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^31
a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|2^31
a=rtcp-fb:96 nack
)";

}  // namespace rr::sdp::testing
