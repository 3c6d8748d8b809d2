// The control thread's once-a-second work with N calls established: the session sweep
// (timeouts, delete delay) and the metrics sample. Both walk every stream; while they run,
// no ng request is served, so their cost per call bounds how many calls one relay holds.
#include <benchmark/benchmark.h>

#include "control/dataplane/table_forwarding.hpp"
#include "control/metrics/control_sample.hpp"
#include "control/metrics/session_source.hpp"
#include "control/session/sessions.hpp"

namespace {

using namespace rr;

const IpAddress kLocal[] = {*IpAddress::parse("203.0.113.1"), *IpAddress::parse("203.0.113.2")};
constexpr uint16_t kPortMin = 2000, kPortMax = 65000;  // 2 × 63 000 ports: 31 500 calls

std::string sdp(const std::string& ip, int port) {
  return "v=0\r\no=- 1 1 IN IP4 " + ip + "\r\ns=-\r\nc=IN IP4 " + ip + "\r\nt=0 0\r\nm=audio " +
         std::to_string(port) + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=ptime:20\r\n";
}

// N calls offered and answered on a real forwarding table, as the daemon holds them.
struct Established {
  table::ForwardingTable table{{.local_addresses = {kLocal[0], kLocal[1]},
                                .port_min = kPortMin,
                                .port_max = kPortMax,
                                .workers = 1}};
  dataplane::TableForwarding forwarding{table, {.port_ids = {0}}};
  session::Sessions sessions{config(), forwarding};

  static session::SessionsConfig config() {
    session::SessionsConfig c;
    c.interfaces.push_back({"pub", {kLocal[0], kLocal[1]}, {kPortMin, kPortMax, std::chrono::seconds(0)}});
    return c;
  }

  explicit Established(int calls) {
    for (int i = 0; i < calls; ++i) {
      session::OfferRequest offer;
      offer.call_id = "sweep-" + std::to_string(i), offer.from_tag = "A";
      offer.sdp = sdp("192.0.2.10", 4000 + 2 * (i % 20000));
      session::AnswerRequest answer;
      static_cast<session::SdpRequest&>(answer) = offer;
      answer.to_tag = "B", answer.sdp = sdp("198.51.100.20", 4000 + 2 * (i % 20000));
      if (!sessions.offer(offer) || !sessions.answer(answer)) throw std::runtime_error("set-up failed");
    }
  }
};

// Offer + answer of N calls, then their teardown: with several addresses, the later calls
// allocate after the first address's range is full.
void BM_EstablishCalls(benchmark::State& state) {
  for (auto _ : state) Established calls(static_cast<int>(state.range(0)));
  state.counters["ns_per_call"] = benchmark::Counter(
      static_cast<double>(state.range(0)), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_EstablishCalls)->Arg(10000)->Arg(30000)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_SessionSweep(benchmark::State& state) {
  Established calls(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(calls.sessions.tick());
  state.counters["ns_per_call"] = benchmark::Counter(
      static_cast<double>(state.range(0)), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_SessionSweep)->Arg(1000)->Arg(10000)->Arg(30000)->Unit(benchmark::kMillisecond);

void BM_MetricsSample(benchmark::State& state) {
  Established calls(static_cast<int>(state.range(0)));
  metrics::SessionsSource source(
      calls.sessions, [&](const Endpoint& relay) { return calls.forwarding.stream_stats(relay); },
      {1'000'000'000, [] { return uint64_t{0}; }});
  metrics::ControlSampler sampler({.sessions = &source});
  for (auto _ : state) sampler.sample();
  state.counters["ns_per_call"] = benchmark::Counter(
      static_cast<double>(state.range(0)), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_MetricsSample)->Arg(1000)->Arg(10000)->Arg(30000)->Unit(benchmark::kMillisecond);

}  // namespace

