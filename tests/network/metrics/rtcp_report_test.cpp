// RTCP through the relay, end to end: the caller sends a real SR from its RTCP port, the
// callee answers with an RR whose report block names that SR (LSR) and says how long it held
// it (DLSR), and the relay shows the callee's reported loss and jitter in ng query and on
// /metrics, and the round trip relay -> callee -> relay on /metrics.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "tests/network/metrics/metrics_fixture.hpp"

namespace rr::netlab {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

class RtcpReports : public RelayMetrics {};

void put32(std::vector<uint8_t>& out, uint32_t word) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(word >> shift));
}
uint32_t get32(const std::vector<uint8_t>& in, size_t at) {
  return uint32_t{in[at]} << 24 | uint32_t{in[at + 1]} << 16 | uint32_t{in[at + 2]} << 8 | in[at + 3];
}

// An SR without report blocks: header, SSRC, NTP (ntp_high.ntp_low), RTP time, counts.
std::vector<uint8_t> sender_report(uint32_t ssrc, uint32_t ntp_high, uint32_t ntp_low) {
  std::vector<uint8_t> out;
  for (uint32_t word : {0x80C80006u, ssrc, ntp_high, ntp_low, 16000u, 100u, 16000u}) put32(out, word);
  return out;
}

// An RR with one report block about `source`.
struct Block {
  uint32_t source;
  uint8_t fraction_lost;  // /256
  uint32_t cumulative_lost;
  uint32_t jitter;  // RTP units
  uint32_t lsr, dlsr;
};
std::vector<uint8_t> receiver_report(uint32_t ssrc, const Block& b) {
  std::vector<uint8_t> out;
  for (uint32_t word : {0x81C90007u, ssrc, b.source, uint32_t{b.fraction_lost} << 24 | b.cumulative_lost,
                        0x00010064u, b.jitter, b.lsr, b.dlsr})
    put32(out, word);
  return out;
}

uint32_t to_ntp16(Clock::duration d) {
  return static_cast<uint32_t>(std::chrono::duration_cast<std::chrono::microseconds>(d).count() *
                               65536 / 1'000'000);
}

// The "stats" dictionary of the callee leg's RTCP stream in a query reply, if there.
const bencode::Value* callee_rtcp_stats(const bencode::Value& reply, const std::string& callee_tag) {
  const bencode::Value* tags = reply.find("tags");
  const bencode::Value* leg = tags ? tags->find(callee_tag) : nullptr;
  const bencode::Value* medias = leg ? leg->find("medias") : nullptr;
  if (!medias || !medias->as_list() || medias->as_list()->empty()) return nullptr;
  const bencode::Value* streams = medias->as_list()->front().find("streams");
  if (!streams || !streams->as_list()) return nullptr;
  for (const bencode::Value& stream : *streams->as_list()) {
    const auto flags = stream.get_string_list("flags");
    if (flags && !flags->empty() && flags->front() == "RTCP") return stream.find("stats");
  }
  return nullptr;
}

// The callee reports 64/256 lost, 12 cumulative and jitter 160 (20 ms at 8 kHz), and holds
// the SR 600 ms but claims a DLSR 100 ms shorter: the relay must see a round trip of 100 ms
// plus the real relay -> callee -> relay time. Both sides' slop only adds to it (the callee
// measures its hold from when recv returned, after the datagram arrived; the relay stamps
// the RR when it polls it), so 100 ms (less 1 ms of 1/65536 s rounding) is a hard floor.
// The real path added 8-36 ms at load 10 on 2 cores with ASan; the ceiling of 400 ms leaves
// ten times that for scheduling stalls and still tells an ignored DLSR (>= 600 ms) or a
// halved round trip (~60 ms) from the truth.
TEST_P(RtcpReports, ReportedLossJitterAndRoundTripReachQueryAndMetrics) {
  start_relay(31000, 31099, {});
  // RTCP on RTP port + 1 (no a=rtcp, no rtcp-mux in the SDP), so the phones bind pairs.
  const HostUdpSocket caller_rtp(topology_->caller(), {kCallerSide.host_address, 42000});
  const HostUdpSocket caller_rtcp(topology_->caller(), {kCallerSide.host_address, 42001});
  const HostUdpSocket callee_rtp(topology_->callee(), {kCalleeSide.host_address, 43000});
  const HostUdpSocket callee_rtcp(topology_->callee(), {kCalleeSide.host_address, 43001});
  const ngclient::CallIds ids{"rtcp-1", "rtcp-1-caller", "rtcp-1-callee"};
  const auto relayed = set_up_call(ids, caller_rtp.local(), callee_rtp.local());
  ASSERT_TRUE(relayed);
  const Endpoint caller_rtcp_to{relayed->toward_caller.address, uint16_t(relayed->toward_caller.port + 1)};
  const Endpoint callee_rtcp_to{relayed->toward_callee.address, uint16_t(relayed->toward_callee.port + 1)};

  constexpr auto kHeld = 600ms, kInjected = 100ms;
  const Block reported{0x0A11CE, 64, 12, 160, 0, 0};
  // The SR may be lost on a loaded machine before the relay's ports are polled: a few tries.
  std::optional<Datagram> sr;
  for (uint32_t attempt = 0; attempt < 5 && !sr; ++attempt) {
    ASSERT_TRUE(caller_rtcp.send_to(caller_rtcp_to, sender_report(0x0A11CE, 0xE2000000 + attempt, 0x80000000)));
    sr = callee_rtcp.receive(2s);
  }
  ASSERT_TRUE(sr) << "the caller's SR never reached the callee's RTCP port";
  const auto received_at = Clock::now();
  ASSERT_GE(sr->bytes.size(), 16u);
  const uint32_t lsr = get32(sr->bytes, 8) << 16 | get32(sr->bytes, 12) >> 16;  // NTP middle 32
  std::this_thread::sleep_until(received_at + kHeld);
  Block block = reported;
  block.lsr = lsr;
  block.dlsr = to_ntp16(Clock::now() - received_at - kInjected);
  ASSERT_TRUE(callee_rtcp.send_to(callee_rtcp_to, receiver_report(0xCA11EE, block)));
  EXPECT_TRUE(caller_rtcp.receive(2s)) << "the callee's RR was not forwarded to the caller";

  // /metrics: on the stream the callee sends (its reports travel with it).
  const Labels from_callee = stream_labels(ids, false);
  const char* kRoundTrip = "rtp_relay_stream_round_trip_seconds";
  const auto metrics = scrape_until(
      [&](const Exposition& e) { return e.value(kRoundTrip, from_callee).has_value(); }, 10s);
  EXPECT_EQ(metrics.value("rtp_relay_stream_rtcp_reported_fraction_lost_ratio", from_callee), 0.25);
  EXPECT_EQ(metrics.value("rtp_relay_stream_rtcp_reported_lost_packets", from_callee), 12.0);
  EXPECT_EQ(metrics.value("rtp_relay_stream_rtcp_reported_jitter_seconds", from_callee), 0.02);
  const auto rtt = metrics.value(kRoundTrip, from_callee);
  ASSERT_TRUE(rtt) << "no round trip on /metrics within 10 s";
  EXPECT_GE(*rtt, 0.099);
  EXPECT_LE(*rtt, 0.4);
  std::printf("round trip %.4f s (100 ms injected)\n", *rtt);
  EXPECT_EQ(metrics.value("rtp_relay_streams_round_trip_seconds_count"), 1.0);
  // The caller reported nothing: no reported series on its stream.
  EXPECT_FALSE(metrics.value(kRoundTrip, stream_labels(ids, true)));
  EXPECT_FALSE(metrics.value("rtp_relay_stream_rtcp_reported_lost_packets", stream_labels(ids, true)));

  // ng query: the callee's RTCP stream carries what it reported.
  bencode::Value query = bencode::Value::dict();
  query.set("command", "query");
  query.set("call-id", ids.call_id);
  const auto reply = ng_->request(query);
  ASSERT_TRUE(reply.ok()) << reply.error;
  const bencode::Value* stats = callee_rtcp_stats(reply.body, ids.to_tag);
  ASSERT_TRUE(stats) << "no RTCP stream stats for the callee in the query reply";
  EXPECT_EQ(stats->get_int("reported fraction lost"), 64);
  EXPECT_EQ(stats->get_int("reported lost"), 12);
  EXPECT_EQ(stats->get_int("reported jitter"), 20);
}

INSTANTIATE_TEST_SUITE_P(NetworkMetrics, RtcpReports, testing::Values(Driver::af_packet, Driver::af_xdp),
                         driver_name);

}  // namespace
}  // namespace rr::netlab
