// One call's whole ng life: offer + answer + delete, through the typed API and through the
// dictionary handlers (what the ng server runs), against a data plane that does nothing.
#include <benchmark/benchmark.h>

#include "control/commands/handlers.hpp"
#include "control/session/sessions.hpp"

namespace {

using namespace rr;

class NullForwarding final : public session::Forwarding {
 public:
  bool publish_media(const session::MediaPath&) override { return true; }
  void retire_media(const session::MediaPath&) override {}
  void reclaim() override {}
  session::StreamCounters stream_counters(const Endpoint&) const override { return {}; }
};

session::SessionsConfig config() {
  session::SessionsConfig c;
  ports::RangeConfig range{10000, 10499, std::chrono::seconds(0)};  // no quarantine: ports recycle
  c.interfaces.push_back({"pub", {*IpAddress::parse("203.0.113.1")}, range});
  return c;
}

std::string sdp(const char* ip, int port) {
  return std::string("v=0\r\no=- 1545997027 1 IN IP4 ") + ip + "\r\ns=-\r\nc=IN IP4 " + ip +
         "\r\nt=0 0\r\nm=audio " + std::to_string(port) +
         " RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
         "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\n";
}

void BM_TypedCycle(benchmark::State& state) {
  NullForwarding forwarding;
  session::Sessions sessions(config(), forwarding);
  session::OfferRequest offer;
  offer.call_id = "bench-call", offer.from_tag = "A", offer.sdp = sdp("192.0.2.10", 4000);
  session::AnswerRequest answer;
  static_cast<session::SdpRequest&>(answer) = offer;
  answer.to_tag = "B", answer.sdp = sdp("198.51.100.20", 5000);
  session::DeleteRequest del;
  del.call_id = offer.call_id, del.from_tag = "A";
  for (auto _ : state) {
    benchmark::DoNotOptimize(sessions.offer(offer));
    benchmark::DoNotOptimize(sessions.answer(answer));
    benchmark::DoNotOptimize(sessions.delete_call(del));
  }
}
BENCHMARK(BM_TypedCycle);

void BM_DictionaryCycle(benchmark::State& state) {
  NullForwarding forwarding;
  session::Sessions sessions(config(), forwarding);
  bencode::Value offer = bencode::Value::dict();
  offer.set("command", "offer").set("call-id", "bench-call").set("from-tag", "A");
  offer.set("sdp", sdp("192.0.2.10", 4000))
      .set("rtpp-flags", "trust-address replace-origin ICE=remove");
  bencode::Value answer = offer;
  answer.set("command", "answer").set("to-tag", "B").set("sdp", sdp("198.51.100.20", 5000));
  bencode::Value del = bencode::Value::dict();
  del.set("command", "delete").set("call-id", "bench-call").set("from-tag", "A");
  for (auto _ : state) {
    benchmark::DoNotOptimize(commands::handle(sessions, offer));
    benchmark::DoNotOptimize(commands::handle(sessions, answer));
    benchmark::DoNotOptimize(commands::handle(sessions, del));
  }
}
BENCHMARK(BM_DictionaryCycle);

}  // namespace
