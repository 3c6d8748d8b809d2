// SRTP for the leg that speaks it: per stream, an outbound session under rtpgen's own key (the
// one its SDP offered or answered) and an inbound session under the relay's key for that call
// (from the relay's SDP). Sessions are made once before traffic; protect and unprotect work
// in place and allocate nothing (relay/srtp's SrtpSession).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "relay/srtp/session.hpp"

namespace rr::rtpgen {

// Outbound: what one side sends, stream by stream.
class SrtpSender {
 public:
  // One key per stream; nullopt (with `error`) if a session cannot be made.
  static std::optional<SrtpSender> create(std::span<const srtp::KeyMaterial> keys, std::string& error);

  // Protects the RTP packet of `stream` in place; returns the new length, 0 on failure.
  size_t protect(uint32_t stream, uint8_t* packet, size_t len, size_t capacity) noexcept;
  size_t trailer_len() const { return sessions_.empty() ? 0 : sessions_.front().trailer_len(); }

 private:
  std::vector<srtp::SrtpSession> sessions_;
};

// Inbound: what one side receives. The stream is found from the SSRC in the clear header
// (the relay keeps the sender's SSRC), the payload's stream index is only readable after
// unprotect. `ssrcs[stream]` is the SSRC the far side sends that stream with.
class SrtpReceiver {
 public:
  static std::optional<SrtpReceiver> create(std::span<const srtp::KeyMaterial> keys,
                                            std::span<const uint32_t> ssrcs, std::string& error);

  // Unprotects a datagram in place; returns its RTP length, or 0 when it was dropped
  // (counted: unknown SSRC, or the session's SrtpError).
  size_t unprotect(std::span<uint8_t> datagram) noexcept;

  uint64_t failed() const { return failed_; }
  uint64_t unknown_ssrc() const { return unknown_ssrc_; }
  uint64_t auth_failed() const { return auth_failed_; }

 private:
  std::vector<srtp::SrtpSession> sessions_;
  std::vector<std::pair<uint32_t, uint32_t>> by_ssrc_;  // (SSRC, stream), sorted
  uint64_t failed_ = 0, unknown_ssrc_ = 0, auth_failed_ = 0;
};

}  // namespace rr::rtpgen
