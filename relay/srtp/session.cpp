#include "relay/srtp/session.hpp"

#include <algorithm>
#include <array>
#include <mutex>

#include "relay/srtp/kdf.hpp"

namespace rr::srtp {

std::string_view to_string(SrtpError error) {
  switch (error) {
    case SrtpError::none: return "ok";
    case SrtpError::auth_fail: return "srtp: authentication failed";
    case SrtpError::replay: return "srtp: replayed or too old";
    case SrtpError::too_short: return "srtp: packet too short";
    case SrtpError::no_room: return "srtp: no tailroom for the tag";
    case SrtpError::other: return "srtp: malformed packet, foreign SSRC or cipher failure";
  }
  return "srtp: unknown error";
}

std::string_view to_string(CreateError error) {
  switch (error) {
    case CreateError::none: return "ok";
    case CreateError::unauthenticated_aead: return "srtp: an AEAD suite cannot be unauthenticated";
    case CreateError::crypto: return "srtp: OpenSSL refused the key or cipher";
  }
  return "srtp: unknown error";
}

SrtpSession::SrtpSession(const SessionParams& params)
    : suite_(params.key.suite),
      direction_(params.direction),
      ssrc_(params.ssrc),
      allow_repeat_tx_(params.allow_repeat_tx),
      encrypt_rtp_(params.encrypt_rtp),
      encrypt_rtcp_(params.encrypt_rtcp),
      authenticate_rtp_(params.authenticate_rtp),
      rtp_tag_len_(params.authenticate_rtp ? info(params.key.suite).rtp_tag_len : 0),
      mki_(params.key.mki) {}

SrtpSession::Created SrtpSession::create(const SessionParams& params) {
  Created created;
  const SuiteInfo& suite = info(params.key.suite);
  if (suite.aead && !params.authenticate_rtp) {
    created.error = CreateError::unauthenticated_aead;
    return created;
  }
  SrtpSession session(params);
  const std::optional<DerivedKeys> keys = derive_keys(params.key);
  if (!keys || !session.rtp_.init(suite, keys->rtp) || !session.rtcp_.init(suite, keys->rtcp)) {
    created.error = CreateError::crypto;
    return created;
  }
  created.session.emplace(std::move(session));
  return created;
}

SsrcState& SrtpSession::state_for(uint32_t ssrc, SsrcState& scratch, bool& known) noexcept {
  SsrcState* state = streams_.find(ssrc);
  known = state != nullptr;
  if (known) return *state;
  scratch.ssrc = ssrc;
  return scratch;
}

void SrtpSession::commit(SsrcState& state, bool known) noexcept {
  if (!known) streams_.insert(state);
}

bool SrtpSession::mki_matches(const uint8_t* at) const noexcept {
  return std::equal(mki_.bytes.begin(), mki_.bytes.begin() + mki_.len, at);
}

SsrcState& SrtpSession::outbound_state(uint32_t ssrc) noexcept {
  SsrcState* state = streams_.find(ssrc);
  return state ? *state : streams_.insert(SsrcState{.ssrc = ssrc});
}

bool suite_available(CryptoSuite suite) {
  static std::once_flag once;
  static std::array<bool, kSuites.size()> available{};
  std::call_once(once, [] {
    for (const SuiteInfo& s : kSuites) {
      SessionParams params;
      params.key.suite = s.suite;  // an all-zero key is fine for a capability probe
      params.direction = Direction::outbound;
      available[static_cast<size_t>(s.suite)] = SrtpSession::create(params).ok();
    }
  });
  return available[static_cast<size_t>(suite)];
}

}  // namespace rr::srtp
