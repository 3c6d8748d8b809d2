#include "tests/network/srtp/libsrtp_peer.hpp"

#include <array>
#include <mutex>

namespace rr::netlab {
namespace {

constexpr size_t kKeyAndSalt = 30;
constexpr size_t kMaxTrailer = SRTP_MAX_TRAILER_LEN;

}  // namespace

LibsrtpPeer::LibsrtpPeer(std::span<const uint8_t> key_and_salt, bool outbound) {
  static std::once_flag init;
  std::call_once(init, [] { srtp_init(); });
  if (key_and_salt.size() != kKeyAndSalt) return;
  std::array<uint8_t, kKeyAndSalt> key{};
  std::copy(key_and_salt.begin(), key_and_salt.end(), key.begin());
  srtp_policy_t policy{};
  srtp_crypto_policy_set_rtp_default(&policy.rtp);
  srtp_crypto_policy_set_rtcp_default(&policy.rtcp);
  policy.ssrc.type = outbound ? ssrc_any_outbound : ssrc_any_inbound;
  policy.key = key.data();
  policy.window_size = 128;
  if (srtp_create(&session_, &policy) != srtp_err_status_ok) session_ = nullptr;
}

LibsrtpPeer::~LibsrtpPeer() {
  if (session_ != nullptr) srtp_dealloc(session_);
}

std::vector<uint8_t> LibsrtpPeer::protect(std::vector<uint8_t> packet, bool rtcp) {
  int len = static_cast<int>(packet.size());
  packet.resize(packet.size() + kMaxTrailer);
  const srtp_err_status_t status = rtcp ? srtp_protect_rtcp(session_, packet.data(), &len)
                                        : srtp_protect(session_, packet.data(), &len);
  packet.resize(status == srtp_err_status_ok ? static_cast<size_t>(len) : 0);
  return packet;
}

std::optional<std::vector<uint8_t>> LibsrtpPeer::unprotect(std::vector<uint8_t> packet, bool rtcp) {
  int len = static_cast<int>(packet.size());
  const srtp_err_status_t status = rtcp ? srtp_unprotect_rtcp(session_, packet.data(), &len)
                                        : srtp_unprotect(session_, packet.data(), &len);
  if (status != srtp_err_status_ok) return std::nullopt;
  packet.resize(static_cast<size_t>(len));
  return packet;
}

}  // namespace rr::netlab
