// ns per packet for what the worker does to every relayed G.711 frame: parse the frame,
// parse RTP, write new headers in front of the payload (v4->v4 and v4->v6 bridging); and
// the parsers' fast paths beside the general parsers they fall back to.
#include "relay/packet/checksum.hpp"
#include "relay/packet/frame.hpp"
#include "relay/packet/rewrite.hpp"
#include "relay/packet/rtp.hpp"
#include "tests/support/packet_builder.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>

namespace {

using namespace rr::packet;
using rr::test::ip;
using rr::test::mac;

// 14 + 20 + 8 + 12 + 160 = 214 bytes: one 20 ms G.711 packet.
rr::test::Bytes g711_frame() {
  return rr::test::FrameBuilder().eth(mac("02:00:00:00:00:01"), mac("02:00:00:00:00:02"))
      .ipv4(ip("192.0.2.10"), ip("203.0.113.1")).udp(16384, 10000)
      .rtp(4711, 753760, 0x5ca1ab1e, 0).payload(160, 0xff).build();
}

EgressHeaders egress(const char* src, const char* dst) {
  EgressHeaders e;
  e.l2 = {mac("02:00:00:00:00:aa"), mac("02:00:00:00:00:bb")};
  e.src = {ip(src), 20000};
  e.dst = {ip(dst), 30000};
  return e;
}

// parse_frame alone on the three common media shapes, beside parse_frame_generic (the
// general parser it falls back to) on the same frames: the fast path's gain, same run.
rr::test::Bytes shape(int64_t which) {
  auto v4 = rr::test::FrameBuilder().eth(mac("02:00:00:00:00:01"), mac("02:00:00:00:00:02"))
      .ipv4(ip("192.0.2.10"), ip("203.0.113.1"));
  auto v6 = rr::test::FrameBuilder().eth(mac("02:00:00:00:00:01"), mac("02:00:00:00:00:02"))
      .ipv6(ip("2001:db8::10"), ip("2001:db8::1"));
  auto& builder = which == 1 ? v6 : v4;
  if (which == 2) builder.vlan(100);
  return builder.udp(16384, 10000).rtp(4711, 753760, 0x5ca1ab1e, 0).payload(160, 0xff).build();
}
const char* shape_name(int64_t which) { return which == 0 ? "ipv4" : which == 1 ? "ipv6" : "ipv4_vlan"; }

template <auto Parse>
void parse_only(benchmark::State& state) {
  const auto frame = shape(state.range(0));
  state.SetLabel(shape_name(state.range(0)));
  for (auto _ : state) {
    auto view = Parse(frame, ParseOptions{});
    benchmark::DoNotOptimize(view);
  }
  state.SetItemsProcessed(state.iterations());
}
void BM_ParseFrame(benchmark::State& s) { parse_only<parse_frame>(s); }
void BM_ParseFrameGeneric(benchmark::State& s) { parse_only<parse_frame_generic>(s); }
BENCHMARK(BM_ParseFrame)->DenseRange(0, 2);
BENCHMARK(BM_ParseFrameGeneric)->DenseRange(0, 2);

// parse_rtp's inline 0x80 path beside parse_rtp_general on a G.711 payload.
template <auto Parse>
void rtp_only(benchmark::State& state) {
  const auto frame = g711_frame();
  const std::span<const uint8_t> payload(frame.data() + 42, frame.size() - 42);
  for (auto _ : state) {
    auto rtp = Parse(payload, RtpPadding::check);
    benchmark::DoNotOptimize(rtp);
  }
}
void BM_ParseRtp(benchmark::State& s) { rtp_only<parse_rtp>(s); }
void BM_ParseRtpGeneral(benchmark::State& s) { rtp_only<parse_rtp_general>(s); }
BENCHMARK(BM_ParseRtp);
BENCHMARK(BM_ParseRtpGeneral);

void BM_Parse(benchmark::State& state) {
  auto frame = g711_frame();
  for (auto _ : state) {
    auto view = parse_frame(frame);
    auto rtp = parse_rtp(view->payload);
    benchmark::DoNotOptimize(rtp);
  }
}
BENCHMARK(BM_Parse);

// The worker's in-mbuf pattern: headers rewritten in front of the payload, in place.
void relay_in_place(benchmark::State& state, const EgressHeaders& e, bool offload) {
  auto frame = g711_frame();
  EgressHeaders out = e;
  out.offload_udp_checksum = offload;
  rr::test::Bytes buffer(128 + frame.size());  // headroom, as in an mbuf
  for (auto _ : state) {
    std::copy(frame.begin(), frame.end(), buffer.begin() + 128);  // the "received" packet
    std::span<uint8_t> rx(buffer.data() + 128, frame.size());
    auto view = parse_frame(rx);
    auto rtp = parse_rtp(view->payload);
    benchmark::DoNotOptimize(rtp);
    size_t start = 128 + view->payload_offset - header_size(out);
    auto written = write_egress(std::span(buffer).subspan(start, header_size(out) + view->payload_size), out);
    benchmark::DoNotOptimize(written);
  }
  state.SetItemsProcessed(state.iterations());
}
void BM_ParseRewriteV4(benchmark::State& s) { relay_in_place(s, egress("203.0.113.1", "198.51.100.7"), false); }
void BM_ParseRewriteV4Offload(benchmark::State& s) { relay_in_place(s, egress("203.0.113.1", "198.51.100.7"), true); }
void BM_ParseRewriteV4ToV6(benchmark::State& s) { relay_in_place(s, egress("2001:db8::1", "2001:db8::7"), false); }
BENCHMARK(BM_ParseRewriteV4);
BENCHMARK(BM_ParseRewriteV4Offload);
BENCHMARK(BM_ParseRewriteV4ToV6);

void BM_UdpChecksum172(benchmark::State& state) {
  auto frame = g711_frame();
  std::span<const uint8_t> udp(frame.data() + 34, frame.size() - 34);
  const auto src = ip("192.0.2.10"), dst = ip("203.0.113.1");
  for (auto _ : state) benchmark::DoNotOptimize(udp_checksum(src, dst, udp));
}
BENCHMARK(BM_UdpChecksum172);

}  // namespace
