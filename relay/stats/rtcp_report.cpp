#include "relay/stats/rtcp_report.hpp"

namespace rr::stats {
namespace {

constexpr size_t kHeader = 4;
constexpr size_t kSenderInfo = 20;
constexpr size_t kBlock = 24;
constexpr uint8_t kSr = 200, kRr = 201, kBye = 203;

uint32_t be32(const uint8_t* p) {
  return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3];
}

ReportBlock read_block(const uint8_t* p) {
  ReportBlock b;
  b.ssrc = be32(p);
  b.fraction_lost = p[4];
  // 24-bit two's complement: shift into the top of an int32 and back to sign-extend.
  b.cumulative_lost = static_cast<int32_t>(be32(p + 4) << 8) >> 8;
  b.ext_highest_seq = be32(p + 8);
  b.jitter = be32(p + 12);
  b.lsr = be32(p + 16);
  b.dlsr = be32(p + 20);
  return b;
}

// One SR or RR body (after the 4-byte header), `size` bytes, `count` report blocks.
// The first SR/RR of the compound names the sender; later ones only add blocks.
RtcpError read_report(const uint8_t* body, size_t size, uint8_t type, uint8_t count, bool first,
                      RtcpReport& out) {
  const size_t fixed = 4 + (type == kSr ? kSenderInfo : 0);
  if (size < fixed + count * kBlock) return RtcpError::bad_report_count;
  if (first) {
    out.sender_ssrc = be32(body);
    if (type == kSr) {
      SenderInfo s;
      s.ntp = uint64_t{be32(body + 4)} << 32 | be32(body + 8);
      s.rtp_timestamp = be32(body + 12);
      s.packet_count = be32(body + 16);
      s.octet_count = be32(body + 20);
      out.sender = s;
    }
  }
  for (uint8_t i = 0; i < count; ++i) {
    if (out.block_count == RtcpReport::kMaxBlocks) {
      out.blocks_truncated = true;
      break;
    }
    out.blocks[out.block_count++] = read_block(body + fixed + i * kBlock);
  }
  return RtcpError::none;
}

}  // namespace

std::string_view to_string(RtcpError error) {
  switch (error) {
    case RtcpError::none: return "ok";
    case RtcpError::too_short: return "rtcp: truncated header";
    case RtcpError::bad_version: return "rtcp: version is not 2";
    case RtcpError::bad_length: return "rtcp: length runs past the datagram";
    case RtcpError::bad_padding: return "rtcp: bad padding";
    case RtcpError::bad_type: return "rtcp: packet type outside 192..223";
    case RtcpError::bad_report_count: return "rtcp: report count exceeds the packet";
  }
  return "rtcp: unknown error";
}

RtcpParse parse_rtcp(std::span<const uint8_t> datagram) {
  RtcpParse result;
  RtcpReport& out = result.report;
  size_t offset = 0;
  bool seen_report = false;
  if (datagram.empty()) result.error = RtcpError::too_short;
  while (offset < datagram.size() && result.ok()) {
    const size_t left = datagram.size() - offset;
    const uint8_t* p = datagram.data() + offset;
    if (left < kHeader) return result.error = RtcpError::too_short, result;
    if ((p[0] >> 6) != 2) return result.error = RtcpError::bad_version, result;
    const bool padded = (p[0] & 0x20) != 0;
    const uint8_t count = p[0] & 0x1f;
    const uint8_t type = p[1];
    const size_t size = (size_t{p[2]} << 8 | p[3]) * 4 + 4;
    if (size > left) return result.error = RtcpError::bad_length, result;
    if (type < 192 || type > 223) return result.error = RtcpError::bad_type, result;
    size_t body = size - kHeader;
    if (padded) {
      // RFC 3550 A.2: only the last packet of a compound may be padded.
      const uint8_t pad = p[size - 1];
      if (size != left || pad == 0 || pad > body) return result.error = RtcpError::bad_padding, result;
      body -= pad;
    }
    ++out.packet_count;
    if (type == kSr || type == kRr) {
      result.error = read_report(p + kHeader, body, type, count, !seen_report, out);
      seen_report = true;
    } else if (type == kBye) {
      out.has_bye = true;
    }
    offset += size;
  }
  return result;
}

std::optional<uint32_t> round_trip_ntp16(uint32_t arrival_ntp_middle32, const ReportBlock& block) {
  if (block.lsr == 0) return std::nullopt;
  // Modulo 2^32 arithmetic: the middle 32 bits wrap every 18 hours.
  const uint32_t rtt = arrival_ntp_middle32 - block.lsr - block.dlsr;
  if (static_cast<int32_t>(rtt) < 0) return std::nullopt;
  return rtt;
}

uint64_t ntp_from_unix_ns(uint64_t unix_ns) {
  constexpr uint64_t kUnixToNtpSeconds = 2208988800ull;  // 1900-01-01 .. 1970-01-01
  const uint64_t seconds = unix_ns / 1'000'000'000ull + kUnixToNtpSeconds;
  const uint64_t nanos = unix_ns % 1'000'000'000ull;
  const uint64_t fraction = (nanos << 32) / 1'000'000'000ull;
  return seconds << 32 | fraction;
}

}  // namespace rr::stats
