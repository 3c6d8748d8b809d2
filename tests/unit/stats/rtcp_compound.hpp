// Builds one RTCP SR or RR from 32-bit words, for the StreamStats RTCP tests.
#pragma once

#include <cstdint>
#include <vector>

namespace rr::stats::test {

struct Block {
  uint32_t ssrc;
  uint32_t loss_word;  // fraction lost << 24 | 24-bit cumulative lost
  uint32_t jitter;
  uint32_t lsr = 0;
  uint32_t dlsr = 0;
};

inline constexpr uint64_t kSrNtp = 0xE123456780000000ull;  // an SR's NTP time; LSR 0x45678000

// An SR (sender info with NTP time `ntp`) or RR from SSRC 0xCAFE0001 carrying `blocks`,
// in network order.
inline std::vector<uint8_t> report(bool sender_report, const std::vector<Block>& blocks,
                                   uint64_t ntp = kSrNtp) {
  std::vector<uint32_t> words{0xCAFE0001};
  if (sender_report)
    words.insert(words.end(), {static_cast<uint32_t>(ntp >> 32), static_cast<uint32_t>(ntp), 1600,
                               10, 1720});
  for (const Block& b : blocks)
    words.insert(words.end(), {b.ssrc, b.loss_word, 0x10000, b.jitter, b.lsr, b.dlsr});
  const auto count = static_cast<uint32_t>(blocks.size());
  const uint32_t type = sender_report ? 200 : 201;
  words.insert(words.begin(),
               0x80000000 | count << 24 | type << 16 | static_cast<uint32_t>(words.size()));
  std::vector<uint8_t> bytes;
  for (uint32_t w : words)
    for (int shift = 24; shift >= 0; shift -= 8) bytes.push_back(static_cast<uint8_t>(w >> shift));
  return bytes;
}

}  // namespace rr::stats::test
