#include "relay/srtp/session.hpp"

#include <srtp2/crypto_types.h>

#include <algorithm>
#include <climits>
#include <utility>

#include "relay/srtp/library.hpp"

namespace rr::srtp {
namespace {

constexpr size_t kRtpHeader = 12;
constexpr size_t kRtcpHeader = 8;

}  // namespace

std::string_view to_string(SrtpError error) {
  switch (error) {
    case SrtpError::none: return "ok";
    case SrtpError::auth_fail: return "srtp: authentication failed";
    case SrtpError::replay: return "srtp: replayed or too old";
    case SrtpError::too_short: return "srtp: packet too short";
    case SrtpError::no_room: return "srtp: no tailroom for the tag";
    case SrtpError::other: return "srtp: libsrtp error";
  }
  return "srtp: unknown error";
}

SrtpError classify(srtp_err_status_t status) {
  switch (status) {
    case srtp_err_status_ok: return SrtpError::none;
    case srtp_err_status_auth_fail: return SrtpError::auth_fail;
    case srtp_err_status_replay_fail:
    case srtp_err_status_replay_old: return SrtpError::replay;
    default: return SrtpError::other;
  }
}

SrtpSession::Created SrtpSession::create(const SessionParams& params) {
  Created created;
  if ((created.status = ensure_initialized()) != srtp_err_status_ok) return created;
  const SuiteInfo& suite = info(params.key.suite);

  // libsrtp reads key||salt from one buffer and keeps its own copy in the session.
  KeyMaterial key = params.key;
  srtp_policy_t policy{};
  suite.rtp_policy(&policy.rtp);
  suite.rtcp_policy(&policy.rtcp);
  policy.key = key.bytes.data();
  if (params.ssrc) {
    policy.ssrc = {ssrc_specific, *params.ssrc};
  } else {
    policy.ssrc.type = params.direction == Direction::inbound ? ssrc_any_inbound : ssrc_any_outbound;
  }
  if (!params.encrypt_rtp || !params.authenticate_rtp)
    policy.rtp.sec_serv = params.encrypt_rtp      ? sec_serv_conf
                          : params.authenticate_rtp ? sec_serv_auth
                                                    : sec_serv_none;
  if (!params.authenticate_rtp) {
    // srtp_unprotect strips the auth policy's tag length even without sec_serv_auth, so an
    // unauthenticated stream needs the null authenticator (no tag) on both ends.
    policy.rtp.auth_type = SRTP_NULL_AUTH;
    policy.rtp.auth_key_len = 0;
    policy.rtp.auth_tag_len = 0;
  }
  if (!params.encrypt_rtcp) policy.rtcp.sec_serv = sec_serv_auth;
  policy.window_size = 128;  // RFC 3711 minimum is 64; libsrtp's default
  policy.allow_repeat_tx = params.allow_repeat_tx ? 1 : 0;

  srtp_t session = nullptr;
  created.status = srtp_create(&session, &policy);
  if (created.status == srtp_err_status_ok) {
    created.session = SrtpSession(session, params.key.suite, params.direction);
  } else if (session != nullptr) {
    srtp_dealloc(session);
  }
  return created;
}

SrtpSession::SrtpSession(SrtpSession&& other) noexcept
    : session_(std::exchange(other.session_, nullptr)), suite_(other.suite_), direction_(other.direction_) {}

SrtpSession& SrtpSession::operator=(SrtpSession&& other) noexcept {
  if (this != &other) {
    if (session_ != nullptr) srtp_dealloc(session_);
    session_ = std::exchange(other.session_, nullptr);
    suite_ = other.suite_;
    direction_ = other.direction_;
  }
  return *this;
}

SrtpSession::~SrtpSession() {
  if (session_ != nullptr) srtp_dealloc(session_);
}

// libsrtp takes the length as int* and, for protect, writes its trailer after the data
// without knowing the buffer size: every bound is checked here first.
SrtpResult SrtpSession::run(Call call, uint8_t* packet, size_t len, size_t min_len, size_t capacity) {
  if (len < min_len) return {SrtpError::too_short, len};
  if (capacity < len || capacity > INT_MAX) return {SrtpError::no_room, len};
  int io_len = static_cast<int>(len);
  const SrtpError error = classify(call(session_, packet, &io_len));
  return {error, error == SrtpError::none ? static_cast<size_t>(io_len) : len};
}

SrtpResult SrtpSession::protect(uint8_t* packet, size_t len, size_t capacity) {
  if (capacity - std::min(capacity, len) < trailer_len()) return {SrtpError::no_room, len};
  return run(srtp_protect, packet, len, kRtpHeader, capacity);
}

SrtpResult SrtpSession::unprotect(uint8_t* packet, size_t len) {
  return run(srtp_unprotect, packet, len, kRtpHeader + trailer_len(), len);
}

SrtpResult SrtpSession::protect_rtcp(uint8_t* packet, size_t len, size_t capacity) {
  if (capacity - std::min(capacity, len) < rtcp_trailer_len()) return {SrtpError::no_room, len};
  return run(srtp_protect_rtcp, packet, len, kRtcpHeader, capacity);
}

SrtpResult SrtpSession::unprotect_rtcp(uint8_t* packet, size_t len) {
  return run(srtp_unprotect_rtcp, packet, len, kRtcpHeader + rtcp_trailer_len(), len);
}

}  // namespace rr::srtp
