// RTCP compound packet parsing (RFC 3550 6.4): sender info and reception report blocks
// from SR and RR; SDES, BYE, APP and feedback packets are stepped over by their length.
// A pure function over a byte span: hostile input returns an error, never reads past it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace rr::stats {

enum class RtcpError : uint8_t {
  none,
  too_short,        // fewer than 4 bytes left for a header
  bad_version,      // V != 2
  bad_length,       // length field runs past the datagram
  bad_padding,      // P bit on a packet that is not last, or a bad pad count
  bad_type,         // packet type outside 192..223 (RFC 5761 RTCP range)
  bad_report_count, // SR/RR shorter than its report count says
};
std::string_view to_string(RtcpError error);

struct ReportBlock {
  uint32_t ssrc = 0;             // source this block reports on
  uint8_t fraction_lost = 0;     // /256, since the previous report
  int32_t cumulative_lost = 0;   // 24-bit signed
  uint32_t ext_highest_seq = 0;
  uint32_t jitter = 0;           // RTP timestamp units
  uint32_t lsr = 0;              // middle 32 bits of the last SR's NTP time, 0 = none
  uint32_t dlsr = 0;             // 1/65536 s since that SR
};

struct SenderInfo {
  uint64_t ntp = 0;  // 32.32 fixed point seconds since 1900
  uint32_t rtp_timestamp = 0;
  uint32_t packet_count = 0;
  uint32_t octet_count = 0;
};

struct RtcpReport {
  static constexpr size_t kMaxBlocks = 31;  // what one RC field can hold

  uint32_t sender_ssrc = 0;           // of the first SR/RR
  std::optional<SenderInfo> sender;   // of the first SR
  std::array<ReportBlock, kMaxBlocks> blocks{};
  uint8_t block_count = 0;
  bool blocks_truncated = false;      // more than kMaxBlocks across the compound
  uint8_t packet_count = 0;           // packets in the compound
  bool has_bye = false;
};

struct RtcpParse {
  RtcpError error = RtcpError::none;
  RtcpReport report;
  bool ok() const { return error == RtcpError::none; }
};

RtcpParse parse_rtcp(std::span<const uint8_t> datagram);

// Round-trip time (RFC 3550 6.4.1): A - LSR - DLSR, all in 1/65536 s, where A is the
// arrival time of the report block as the middle 32 bits of an NTP timestamp on the
// clock that stamped the SR. nullopt when the block has no LSR or the result is negative.
std::optional<uint32_t> round_trip_ntp16(uint32_t arrival_ntp_middle32, const ReportBlock& block);
inline double ntp16_to_ms(uint32_t ntp16) { return ntp16 * 1000.0 / 65536.0; }

// NTP timestamp (32.32, seconds since 1900) from nanoseconds since the Unix epoch.
uint64_t ntp_from_unix_ns(uint64_t unix_ns);
inline uint32_t ntp_middle32(uint64_t ntp) { return static_cast<uint32_t>(ntp >> 16); }

}  // namespace rr::stats
