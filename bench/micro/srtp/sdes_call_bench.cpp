// Control-plane cost of SDES: one offer + answer + delete through Sessions, plain RTP on both
// legs against RTP -> RTP/SAVP (six fresh keys from getrandom, six a=crypto lines formatted,
// the answer's line parsed and matched). The data plane is a recording fake, so this is
// Sessions' own time, as for the ng commands benchmark.
// Measured (RelWithDebInfo, shared 2-core VM, CPU time, median of 5): plain 5.7 us,
// SDES 11.2 us per call: SDES roughly doubles the control-plane cost of a call set-up.
#include <benchmark/benchmark.h>

#include <string>

#include "tests/unit/session/fixture.hpp"

namespace rr::session::testing {
namespace {

void run_calls(benchmark::State& state, bool srtp) {
  FakeClock clock;
  RecordingForwarding forwarding;
  Sessions sessions(test_config(clock), forwarding);
  const std::string a_sdp = audio_sdp("192.0.2.10", 4000);
  const std::string b_sdp =
      srtp ? "v=0\r\no=- 1 1 IN IP4 198.51.100.20\r\ns=-\r\nc=IN IP4 198.51.100.20\r\nt=0 0\r\n"
             "m=audio 5000 RTP/SAVP 0\r\na=rtpmap:0 PCMU/8000\r\n" +
                 crypto_line(5, srtp::CryptoSuite::aes_cm_128_hmac_sha1_80, 0x42)
           : audio_sdp("198.51.100.20", 5000);
  for (auto _ : state) {
    OfferRequest offer = offer_request("c1", "A", a_sdp);
    if (srtp) offer.transport_protocol = "RTP/SAVP";
    auto offered = sessions.offer(offer);
    auto answered = sessions.answer(answer_request("c1", "A", "B", b_sdp));
    if (!offered.ok() || !answered.ok()) state.SkipWithError("call refused");
    benchmark::DoNotOptimize(answered);
    DeleteRequest end;
    end.call_id = "c1";
    benchmark::DoNotOptimize(sessions.delete_call(end));
    forwarding.published.clear(), forwarding.retired.clear();
  }
}

void BM_CallPlain(benchmark::State& state) { run_calls(state, false); }
void BM_CallSdesToSrtpLeg(benchmark::State& state) { run_calls(state, true); }
BENCHMARK(BM_CallPlain);
BENCHMARK(BM_CallSdesToSrtpLeg);

}  // namespace
}  // namespace rr::session::testing
