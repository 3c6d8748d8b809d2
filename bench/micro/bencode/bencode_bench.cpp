// Decode and encode of a typical Kamailio offer (586-byte SDP, flags/replace/rtcp-mux lists),
// in bencode and in JSON: the per-request codec cost of the ng control plane.
#include <benchmark/benchmark.h>

#include "control/bencode/decode.hpp"
#include "control/bencode/encode.hpp"
#include "control/bencode/json.hpp"

namespace {

using rr::bencode::List;
using rr::bencode::Value;

const char kSdp[] =
    "v=0\r\no=- 1545997027 1 IN IP4 198.51.100.1\r\ns=tester\r\nc=IN IP4 198.51.100.1\r\nt=0 0\r\n"
    "m=audio 2000 RTP/AVP 0 8 9 18 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
    "a=rtpmap:9 G722/8000\r\na=rtpmap:18 G729/8000\r\na=fmtp:18 annexb=no\r\n"
    "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=maxptime:150\r\n"
    "a=sendrecv\r\na=rtcp:2001\r\na=ssrc:1390245113 cname:4TOk42mSjXCkVIa6\r\n"
    "a=ssrc:1390245113 msid:stream0 audio0\r\na=label:caller-audio\r\n"
    "m=video 2002 RTP/AVP 96\r\nb=AS:512\r\na=rtpmap:96 H264/90000\r\n"
    "a=fmtp:96 profile-level-id=42e01f;packetization-mode=1\r\na=rtcp-fb:96 nack pli\r\n"
    "a=sendrecv\r\n";

// The dictionary in the order Kamailio's rtpengine module builds it.
Value kamailio_offer() {
  Value offer = Value::dict();
  offer.set("sdp", kSdp)
      .set("call-id", "a84b4c76e66710@pc33.atlanta.example.com")
      .set("from-tag", "1928301774")
      .set("via-branch", "z9hG4bK776asdhds")
      .set("received-from", List{"IP4", "198.51.100.1"})
      .set("flags", List{"trust-address", "SIP-source-address"})
      .set("replace", List{"origin", "session-connection"})
      .set("rtcp-mux", List{"demux"})
      .set("transport-protocol", "RTP/AVP")
      .set("ICE", "remove")
      .set("direction", List{"external", "external"})
      .set("command", "offer");
  return offer;
}

// The two wire encodings of the same value model, so each benchmark is written once.
struct Bencode {
  static rr::bencode::DecodeResult decode(std::string_view in) { return rr::bencode::decode(in); }
  static void encode(const Value& v, std::string& out) { rr::bencode::encode(v, out); }
};
struct Json {
  static rr::bencode::DecodeResult decode(std::string_view in) { return rr::bencode::decode_json(in); }
  static void encode(const Value& v, std::string& out) { rr::bencode::encode_json(v, out); }
};

template <class Codec>
void BM_DecodeOffer(benchmark::State& state) {
  std::string wire;
  Codec::encode(kamailio_offer(), wire);
  for (auto _ : state) benchmark::DoNotOptimize(Codec::decode(wire));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(wire.size()));
}
BENCHMARK_TEMPLATE(BM_DecodeOffer, Bencode);
BENCHMARK_TEMPLATE(BM_DecodeOffer, Json);

template <class Codec>
void BM_EncodeOffer(benchmark::State& state) {
  const Value offer = kamailio_offer();
  std::string out;
  for (auto _ : state) {
    out.clear();  // keeps the capacity, as a server reusing its reply buffer would
    Codec::encode(offer, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(out.size()));
}
BENCHMARK_TEMPLATE(BM_EncodeOffer, Bencode);
BENCHMARK_TEMPLATE(BM_EncodeOffer, Json);

}  // namespace
