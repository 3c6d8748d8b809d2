// libFuzzer target: the RTCP compound parser must return a result for any datagram,
// never read past it, and never report more blocks than it can hold.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "relay/stats/rtcp_report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto result = rr::stats::parse_rtcp(std::span<const uint8_t>(data, size));
  if (result.report.block_count > rr::stats::RtcpReport::kMaxBlocks) std::abort();
  if (result.ok()) {
    for (uint8_t i = 0; i < result.report.block_count; ++i) {
      (void)rr::stats::round_trip_ntp16(0x12345678, result.report.blocks[i]);
    }
  }
  return 0;
}
