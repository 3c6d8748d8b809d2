#include "tools/rtpgen/srtp_streams.hpp"

#include <algorithm>

namespace rr::rtpgen {

namespace {

constexpr size_t kRtpHeader = 12;

// One session per key; empty (with `error`) if any is refused.
std::vector<srtp::SrtpSession> make_sessions(std::span<const srtp::KeyMaterial> keys, srtp::Direction direction,
                                             std::string& error) {
  std::vector<srtp::SrtpSession> sessions;
  sessions.reserve(keys.size());
  for (const srtp::KeyMaterial& key : keys) {
    srtp::SrtpSession::Created created = srtp::SrtpSession::create({.key = key, .direction = direction});
    if (!created.ok()) {
      error = "SRTP session: " + std::string(srtp::to_string(created.error));
      return {};
    }
    sessions.push_back(std::move(*created.session));
  }
  return sessions;
}

uint32_t read_ssrc(const uint8_t* rtp) {
  return uint32_t{rtp[8]} << 24 | uint32_t{rtp[9]} << 16 | uint32_t{rtp[10]} << 8 | rtp[11];
}

}  // namespace

std::optional<SrtpSender> SrtpSender::create(std::span<const srtp::KeyMaterial> keys, std::string& error) {
  SrtpSender sender;
  sender.sessions_ = make_sessions(keys, srtp::Direction::outbound, error);
  if (sender.sessions_.size() != keys.size()) return std::nullopt;
  return sender;
}

size_t SrtpSender::protect(uint32_t stream, uint8_t* packet, size_t len, size_t capacity) noexcept {
  if (stream >= sessions_.size()) return 0;
  srtp::SrtpResult result = sessions_[stream].protect(packet, len, capacity);
  return result.ok() ? result.len : 0;
}

std::optional<SrtpReceiver> SrtpReceiver::create(std::span<const srtp::KeyMaterial> keys,
                                                 std::span<const uint32_t> ssrcs, std::string& error) {
  if (keys.size() != ssrcs.size()) {
    error = "SRTP: one key per stream";
    return std::nullopt;
  }
  SrtpReceiver receiver;
  receiver.sessions_ = make_sessions(keys, srtp::Direction::inbound, error);
  if (receiver.sessions_.size() != keys.size()) return std::nullopt;
  receiver.by_ssrc_.reserve(ssrcs.size());
  for (uint32_t stream = 0; stream < ssrcs.size(); ++stream) receiver.by_ssrc_.emplace_back(ssrcs[stream], stream);
  // Two streams with one SSRC (a 32-bit hash collision, ~n²/2³³): the first one wins and
  // the other's packets fail authentication, which the report shows as SRTP drops.
  std::sort(receiver.by_ssrc_.begin(), receiver.by_ssrc_.end());
  return receiver;
}

size_t SrtpReceiver::unprotect(std::span<uint8_t> datagram) noexcept {
  if (datagram.size() < kRtpHeader) {
    ++failed_;
    return 0;
  }
  const uint32_t ssrc = read_ssrc(datagram.data());
  auto it = std::lower_bound(by_ssrc_.begin(), by_ssrc_.end(), std::pair<uint32_t, uint32_t>{ssrc, 0});
  if (it == by_ssrc_.end() || it->first != ssrc) {
    ++failed_, ++unknown_ssrc_;
    return 0;
  }
  srtp::SrtpResult result = sessions_[it->second].unprotect(datagram.data(), datagram.size());
  if (result.ok()) return result.len;
  ++failed_;
  if (result.error == srtp::SrtpError::auth_fail) ++auth_failed_;
  return 0;
}

}  // namespace rr::rtpgen
