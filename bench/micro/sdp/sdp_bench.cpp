// Parse and rewrite cost of the SDPs the relay sees most: a small Asterisk G.711
// offer and a large Chrome WebRTC offer (two media, ICE, DTLS, many codecs).
#include <benchmark/benchmark.h>

#include <string>

#include "control/sdp/rewrite.hpp"

namespace {

using namespace rr::sdp;

const std::string kAsterisk =
    "v=0\r\no=- 1234 1234 IN IP4 192.168.1.10\r\ns=Asterisk\r\nc=IN IP4 192.168.1.10\r\nt=0 0\r\n"
    "m=audio 16384 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
    "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=maxptime:150\r\n"
    "a=sendrecv\r\n";

// Chrome's offer shape: per media ICE credentials, candidates, fingerprint, extmaps, rtcp-fb.
std::string webrtc_offer() {
  std::string s =
      "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
      "a=group:BUNDLE 0 1\r\na=msid-semantic: WMS 3f1b\r\n";
  const char* kinds[] = {"audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126",
                         "video 9 UDP/TLS/RTP/SAVPF 96 97 98 99 100 101 102 103"};
  for (int m = 0; m < 2; ++m) {
    s += std::string("m=") + kinds[m] + "\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n";
    for (int c = 0; c < 8; ++c) {
      s += "a=candidate:14672500" + std::to_string(c) +
           " 1 udp 2122260223 192.168.0.196 4624" + std::to_string(c) + " typ host generation 0\r\n";
    }
    s += "a=ice-ufrag:Oyef\r\na=ice-pwd:G0sG1QvEyhWT6K6qGTiZ3Kpl\r\na=ice-options:trickle\r\n"
         "a=fingerprint:sha-256 49:66:12:17:0D:1C:91:AE:57:4C:C6:36:DD:D5:97:D2:7D:62:C9:9A\r\n"
         "a=setup:actpass\r\na=mid:" + std::to_string(m) + "\r\na=sendrecv\r\na=rtcp-mux\r\n";
    for (int pt = 96; pt < 112; ++pt) {
      s += "a=rtpmap:" + std::to_string(pt) + " VP8/90000\r\na=rtcp-fb:" + std::to_string(pt) +
           " nack pli\r\na=fmtp:" + std::to_string(pt) + " apt=96\r\n";
    }
    for (int e = 1; e < 10; ++e) {
      s += "a=extmap:" + std::to_string(e) + " urn:ietf:params:rtp-hdrext:sdes:mid\r\n";
    }
  }
  return s;
}

RewritePlan relay_plan(size_t media, bool remove_ice) {
  RewritePlan plan;
  plan.origin_address = rr::IpAddress::v4(203, 0, 113, 1);
  plan.remove_ice = remove_ice;
  if (remove_ice) plan.remove_attributes = {"fingerprint", "setup"};
  for (size_t i = 0; i < media; ++i) {
    MediaPlan& m = plan.media.emplace_back();
    m.address = rr::IpAddress::v4(203, 0, 113, 1);
    m.rtp_port = static_cast<uint16_t>(10000 + 2 * i);
    m.rtcp_port = static_cast<uint16_t>(10001 + 2 * i);
    if (remove_ice) m.proto = "RTP/AVP";
  }
  return plan;
}

void parse_and_rewrite(benchmark::State& state, const std::string& text, bool remove_ice) {
  auto probe = parse(text);
  if (!probe) {
    state.SkipWithError(probe.error().c_str());
    return;
  }
  const RewritePlan plan = relay_plan(probe->media.size(), remove_ice);
  for (auto _ : state) {
    auto sdp = parse(text);
    auto out = rewrite(*sdp, plan);
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void BM_AsteriskOffer(benchmark::State& state) { parse_and_rewrite(state, kAsterisk, false); }
void BM_WebrtcOfferToPlainRtp(benchmark::State& state) {
  static const std::string offer = webrtc_offer();
  parse_and_rewrite(state, offer, true);
}
void BM_ParseOnlyWebrtc(benchmark::State& state) {
  static const std::string offer = webrtc_offer();
  for (auto _ : state) benchmark::DoNotOptimize(parse(offer));
}

BENCHMARK(BM_AsteriskOffer);
BENCHMARK(BM_WebrtcOfferToPlainRtp);
BENCHMARK(BM_ParseOnlyWebrtc);

}  // namespace
