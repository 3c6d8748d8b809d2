// SRTP (RFC 3711 3.3, RFC 7714 8) for RTP packets: SrtpSession::protect and unprotect.
#include <openssl/crypto.h>

#include <algorithm>

#include "relay/packet/bytes.hpp"
#include "relay/srtp/session.hpp"

namespace rr::srtp {
namespace {

constexpr size_t kRtpHeader = 12;

// The RTP header's length with CSRCs and extension (all authenticated, never encrypted), or 0
// when it claims more bytes than `len`. The same bounds as libsrtp's srtp_validate_rtp_header.
size_t header_len(const uint8_t* packet, size_t len) noexcept {
  size_t header = kRtpHeader + 4 * size_t{packet[0] & 0x0Fu};
  const bool extension = (packet[0] & 0x10) != 0;
  if (extension) header += 4;
  if (len < header) return 0;
  if (extension) header += 4 * size_t{packet::load_be16(packet + header - 2)};
  return len < header ? 0 : header;
}

}  // namespace

SrtpResult SrtpSession::protect(uint8_t* packet, size_t len, size_t capacity) noexcept {
  return protect_rtp(packet, len, capacity, nullptr);
}

SrtpResult SrtpSession::protect(uint8_t* packet, size_t len, size_t capacity,
                                PendingTag& pending) noexcept {
  return protect_rtp(packet, len, capacity, &pending);
}

SrtpResult SrtpSession::protect_rtp(uint8_t* packet, size_t len, size_t capacity,
                                    PendingTag* pending) noexcept {
  if (pending) pending->key = nullptr;
  if (len < kRtpHeader) return {SrtpError::too_short, len};
  if (capacity < len || capacity - len < trailer_len()) return {SrtpError::no_room, len};
  const size_t header = header_len(packet, len);
  const uint32_t ssrc = packet::load_be32(packet + 8);
  if (header == 0 || foreign(ssrc)) return {SrtpError::other, len};

  RtpReplay& replay = outbound_state(ssrc).rtp;
  const RtpReplay::Guess guess = replay.estimate(packet::load_be16(packet + 2));
  switch (replay.check(guess.delta)) {
    case ReplayVerdict::fresh: replay.accept(guess.delta); break;
    case ReplayVerdict::replayed:
      if (allow_repeat_tx_) break;  // a retransmission re-protected with its first index
      [[fallthrough]];
    case ReplayVerdict::too_old: return {SrtpError::replay, len};
  }

  // Trailer (libsrtp's layout): AES-CM MKI || tag, the tag not covering the MKI (RFC 3711
  // 3.1); GCM tag || MKI.
  const std::span<uint8_t> payload(packet + header, len - header);
  if (rtp_.aead()) {
    if (!rtp_.seal(ssrc, guess.index, {packet, header}, {}, payload, packet + len))
      return {SrtpError::other, len};
    std::copy_n(mki_.bytes.begin(), mki_.len, packet + len + kGcmTagLen);
    return {SrtpError::none, len + kGcmTagLen + mki_.len};
  }
  if (encrypt_rtp_ && !rtp_.crypt(ssrc, guess.index, payload)) return {SrtpError::other, len};
  std::copy_n(mki_.bytes.begin(), mki_.len, packet + len);
  if (rtp_tag_len_ > 0) {
    uint8_t* tag = packet + len + mki_.len;
    if (pending) {
      *pending = {&rtp_.authenticator(), packet, len, {}, tag, rtp_tag_len_};
      packet::store_be32(pending->roc.data(), guess.roc());
      std::fill_n(tag, rtp_tag_len_, uint8_t{0});
    } else {
      uint8_t roc[4], mac[kSha1Len];
      packet::store_be32(roc, guess.roc());  // RFC 3711 4.2: M = authenticated portion || ROC
      rtp_.authenticate({packet, len}, roc, mac);
      std::copy_n(mac, rtp_tag_len_, tag);
    }
  }
  return {SrtpError::none, len + mki_.len + rtp_tag_len_};
}

SrtpResult SrtpSession::unprotect(uint8_t* packet, size_t len) noexcept {
  if (len < kRtpHeader + trailer_len()) return {SrtpError::too_short, len};
  const size_t header = header_len(packet, len);
  const uint32_t ssrc = packet::load_be32(packet + 8);
  if (header == 0 || foreign(ssrc)) return {SrtpError::other, len};

  SsrcState scratch;
  bool known = false;
  SsrcState& state = state_for(ssrc, scratch, known);
  const RtpReplay::Guess guess = state.rtp.estimate(packet::load_be16(packet + 2));
  if (state.rtp.check(guess.delta) != ReplayVerdict::fresh) return {SrtpError::replay, len};

  const size_t tag_len = rtp_.aead() ? kGcmTagLen : rtp_tag_len_;
  const size_t body = len - tag_len - mki_.len;  // header and payload, without the trailer
  // After the replay check, as libsrtp: a foreign MKI is a forgery or a key we were not given.
  if (!mki_matches(packet + (rtp_.aead() ? len - mki_.len : body))) return {SrtpError::auth_fail, len};
  if (header > body) return {SrtpError::other, len};
  const std::span<uint8_t> payload(packet + header, body - header);
  if (rtp_.aead()) {
    if (!rtp_.open(ssrc, guess.index, {packet, header}, {}, payload, packet + body))
      return {SrtpError::auth_fail, len};
  } else {
    if (tag_len > 0) {
      uint8_t roc[4], mac[kSha1Len];
      packet::store_be32(roc, guess.roc());
      rtp_.authenticate({packet, body}, roc, mac);
      if (CRYPTO_memcmp(mac, packet + body + mki_.len, tag_len) != 0) return {SrtpError::auth_fail, len};
    }
    if (encrypt_rtp_ && !rtp_.crypt(ssrc, guess.index, payload)) return {SrtpError::other, len};
  }
  state.rtp.accept(guess.delta);
  commit(state, known);
  return {SrtpError::none, body};
}

}  // namespace rr::srtp
