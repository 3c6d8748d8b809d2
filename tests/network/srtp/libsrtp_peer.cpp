#include "tests/network/srtp/libsrtp_peer.hpp"

namespace rr::netlab {
namespace {

constexpr size_t kTrailerRoom = 64;  // more than any SRTP/SRTCP trailer

}  // namespace

LibsrtpPeer::LibsrtpPeer(const srtp::KeyMaterial& key, bool outbound) {
  srtp::SessionParams params;
  if (key.suite != srtp::CryptoSuite::aes_cm_128_hmac_sha1_80) return;
  params.key = key;
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
