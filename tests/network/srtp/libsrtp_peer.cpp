#include "tests/network/srtp/libsrtp_peer.hpp"

#include <algorithm>

namespace rr::netlab {
namespace {

constexpr size_t kTrailerRoom = 64;  // more than any SRTP/SRTCP trailer

}  // namespace

LibsrtpPeer::LibsrtpPeer(std::span<const uint8_t> key_and_salt, bool outbound) {
  srtp::SessionParams params;
  params.key.suite = srtp::CryptoSuite::aes_cm_128_hmac_sha1_80;
  if (key_and_salt.size() != params.key.size()) return;
  std::copy(key_and_salt.begin(), key_and_salt.end(), params.key.bytes.begin());
  params.direction = outbound ? srtp::Direction::outbound : srtp::Direction::inbound;
  session_ = srtp::oracle::LibsrtpSession::create(params);
}

std::vector<uint8_t> LibsrtpPeer::protect(std::vector<uint8_t> packet, bool rtcp) {
  const size_t len = packet.size();
  packet.resize(len + kTrailerRoom);
  const srtp::SrtpResult r = rtcp ? session_->protect_rtcp(packet.data(), len, packet.size())
                                  : session_->protect(packet.data(), len, packet.size());
  packet.resize(r.ok() ? r.len : 0);
  return packet;
}

std::optional<std::vector<uint8_t>> LibsrtpPeer::unprotect(std::vector<uint8_t> packet, bool rtcp) {
  const srtp::SrtpResult r = rtcp ? session_->unprotect_rtcp(packet.data(), packet.size())
                                  : session_->unprotect(packet.data(), packet.size());
  if (!r.ok()) return std::nullopt;
  packet.resize(r.len);
  return packet;
}

}  // namespace rr::netlab
