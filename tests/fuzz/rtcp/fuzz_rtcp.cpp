// libFuzzer target: the RTCP compound parser must return a result for any datagram,
// never read past it, and never report more blocks than it can hold; and the stream stats
// that consume it (report blocks, SR bookkeeping, the round trip across two linked
// directions) must take any datagram, on either direction, without trouble.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "relay/stats/rtcp_report.hpp"
#include "relay/stats/stream_stats.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> datagram(data, size);
  const auto result = rr::stats::parse_rtcp(datagram);
  if (result.report.block_count > rr::stats::RtcpReport::kMaxBlocks) std::abort();
  if (result.ok()) {
    for (uint8_t i = 0; i < result.report.block_count; ++i) {
      (void)rr::stats::round_trip_ntp16(0x12345678, result.report.blocks[i]);
    }
  }
  // The same datagram as the reverse direction's SR and then as this direction's report,
  // so an SR that answers itself (LSR = its own NTP middle word) reaches the RTT code.
  const rr::stats::RtpClock clock(8000, 1'000'000'000);
  rr::stats::StreamStats forward(clock), reverse(clock);
  forward.link_reverse(reverse);
  reverse.on_rtcp(datagram, 1'000'000'000);
  forward.on_rtcp(datagram, 1'250'000'000);
  const rr::stats::StatsSnapshot s = forward.snapshot();
  if (s.rtcp_reports > 1 || s.round_trips > 1) std::abort();
  (void)s.round_trip_ms();
  return 0;
}
