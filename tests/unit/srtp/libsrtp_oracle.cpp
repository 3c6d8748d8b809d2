#include "tests/unit/srtp/libsrtp_oracle.hpp"

#include <srtp2/crypto_types.h>

#include <mutex>

namespace rr::srtp::oracle {
namespace {

using PolicySetter = void (*)(srtp_crypto_policy_t*);

struct Policies {
  PolicySetter rtp, rtcp;  // the _32 suites authenticate SRTCP with 80 bits (RFC 4568 6.2.1)
};

// Indexed like kSuites. (AES_CM_128_HMAC_SHA1_80 is libsrtp's default policy.)
constexpr Policies kPolicies[] = {
    {srtp_crypto_policy_set_rtp_default, srtp_crypto_policy_set_rtp_default},
    {srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32, srtp_crypto_policy_set_rtp_default},
    {srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80, srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80},
    {srtp_crypto_policy_set_aes_cm_256_hmac_sha1_32, srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80},
    {srtp_crypto_policy_set_aes_gcm_128_16_auth, srtp_crypto_policy_set_aes_gcm_128_16_auth},
    {srtp_crypto_policy_set_aes_gcm_256_16_auth, srtp_crypto_policy_set_aes_gcm_256_16_auth},
};
static_assert(std::size(kPolicies) == kSuites.size());

}  // namespace

SrtpError classify(srtp_err_status_t status) {
  switch (status) {
    case srtp_err_status_ok: return SrtpError::none;
    case srtp_err_status_auth_fail:
    case srtp_err_status_bad_mki: return SrtpError::auth_fail;  // relay/srtp counts both as forgeries
    case srtp_err_status_replay_fail:
    case srtp_err_status_replay_old: return SrtpError::replay;
    default: return SrtpError::other;
  }
}

std::unique_ptr<LibsrtpSession> LibsrtpSession::create(const SessionParams& params) {
  static std::once_flag once;
  std::call_once(once, [] { srtp_init(); });
  const Policies& policies = kPolicies[static_cast<size_t>(params.key.suite)];
  KeyMaterial key = params.key;  // libsrtp reads key||salt and keeps its own copy
  srtp_policy_t policy{};
  policies.rtp(&policy.rtp);
  policies.rtcp(&policy.rtcp);
  srtp_master_key_t master{key.bytes.data(), key.mki.bytes.data(), key.mki.len};
  srtp_master_key_t* masters[] = {&master};
  if (key.mki) {
    policy.keys = masters;
    policy.num_master_keys = 1;
  } else {
    policy.key = key.bytes.data();
  }
  if (params.ssrc) {
    policy.ssrc = {ssrc_specific, *params.ssrc};
  } else {
    policy.ssrc.type = params.direction == Direction::inbound ? ssrc_any_inbound : ssrc_any_outbound;
  }
  if (!params.encrypt_rtp || !params.authenticate_rtp)
    policy.rtp.sec_serv = params.encrypt_rtp        ? sec_serv_conf
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
  policy.window_size = RtpReplay::kWindow;
  policy.allow_repeat_tx = params.allow_repeat_tx ? 1 : 0;
  srtp_t session = nullptr;
  if (srtp_create(&session, &policy) != srtp_err_status_ok) {
    if (session != nullptr) srtp_dealloc(session);
    return nullptr;
  }
  return std::unique_ptr<LibsrtpSession>(new LibsrtpSession(session, key.mki.len));
}

LibsrtpSession::~LibsrtpSession() { srtp_dealloc(session_); }

// libsrtp writes its trailer without knowing the buffer size: at most a 16-byte tag, the 4-byte
// SRTCP index and the MKI.
constexpr size_t kMaxTrailer = 16 + kSrtcpIndexLen;

SrtpResult LibsrtpSession::protect_with(Protect call, uint8_t* packet, size_t len, size_t capacity) {
  if (capacity < len + kMaxTrailer + mki_len_) return {SrtpError::no_room, len};
  int io_len = static_cast<int>(len);
  const SrtpError error = classify(call(session_, packet, &io_len, mki_len_ > 0, 0));
  return {error, error == SrtpError::none ? static_cast<size_t>(io_len) : len};
}

SrtpResult LibsrtpSession::unprotect_with(Unprotect call, uint8_t* packet, size_t len) {
  int io_len = static_cast<int>(len);
  const SrtpError error = classify(call(session_, packet, &io_len, mki_len_ > 0));
  return {error, error == SrtpError::none ? static_cast<size_t>(io_len) : len};
}

SrtpResult LibsrtpSession::protect(uint8_t* packet, size_t len, size_t capacity) {
  return protect_with(srtp_protect_mki, packet, len, capacity);
}

SrtpResult LibsrtpSession::unprotect(uint8_t* packet, size_t len) {
  return unprotect_with(srtp_unprotect_mki, packet, len);
}

SrtpResult LibsrtpSession::protect_rtcp(uint8_t* packet, size_t len, size_t capacity) {
  return protect_with(srtp_protect_rtcp_mki, packet, len, capacity);
}

SrtpResult LibsrtpSession::unprotect_rtcp(uint8_t* packet, size_t len) {
  return unprotect_with(srtp_unprotect_rtcp_mki, packet, len);
}

}  // namespace rr::srtp::oracle
