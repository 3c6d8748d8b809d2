// SRTCP (RFC 3711 3.4, RFC 7714 9) for RTCP compounds: SrtpSession::protect_rtcp and
// unprotect_rtcp. AES-CM: header || encrypted || E+index || MKI || tag, the tag over all before
// the MKI. GCM: header || encrypted || tag || E+index || MKI, the header and E+index as
// associated data (the whole packet when unencrypted, RFC 7714 9.3). The MKI (optional) is
// never authenticated (RFC 3711 3.4); its place is libsrtp's.
#include <openssl/crypto.h>

#include <algorithm>

#include "relay/packet/bytes.hpp"
#include "relay/srtp/session.hpp"

namespace rr::srtp {
namespace {

constexpr size_t kRtcpHeader = 8;
constexpr uint32_t kEncryptedFlag = 0x80000000;

}  // namespace

SrtpResult SrtpSession::protect_rtcp(uint8_t* packet, size_t len, size_t capacity) noexcept {
  if (len < kRtcpHeader) return {SrtpError::too_short, len};
  if (capacity < len || capacity - len < rtcp_trailer_len()) return {SrtpError::no_room, len};
  const uint32_t ssrc = packet::load_be32(packet + 4);
  uint32_t index = 0;
  if (foreign(ssrc) || !outbound_state(ssrc).rtcp_out.next(index)) return {SrtpError::other, len};

  const size_t tag_len = info(suite_).rtcp_tag_len;
  const std::span<uint8_t> body(packet + kRtcpHeader, len - kRtcpHeader);
  const uint32_t word = index | (encrypt_rtcp_ ? kEncryptedFlag : 0);
  if (rtcp_.aead()) {
    uint8_t* trailer = packet + len + tag_len;
    packet::store_be32(trailer, word);
    const bool sealed = encrypt_rtcp_
                            ? rtcp_.seal(ssrc, index, {packet, kRtcpHeader}, {trailer, 4}, body, packet + len)
                            : rtcp_.seal(ssrc, index, {packet, len}, {trailer, 4}, {}, packet + len);
    if (!sealed) return {SrtpError::other, len};
    std::copy_n(mki_.bytes.begin(), mki_.len, trailer + kSrtcpIndexLen);
  } else {
    packet::store_be32(packet + len, word);
    if (encrypt_rtcp_ && !rtcp_.crypt(ssrc, index, body)) return {SrtpError::other, len};
    uint8_t mac[kSha1Len];
    rtcp_.authenticate({packet, len + kSrtcpIndexLen}, {}, mac);
    std::copy_n(mki_.bytes.begin(), mki_.len, packet + len + kSrtcpIndexLen);
    std::copy_n(mac, tag_len, packet + len + kSrtcpIndexLen + mki_.len);
  }
  return {SrtpError::none, len + rtcp_trailer_len()};
}

SrtpResult SrtpSession::unprotect_rtcp(uint8_t* packet, size_t len) noexcept {
  if (len < kRtcpHeader + rtcp_trailer_len()) return {SrtpError::too_short, len};
  const uint32_t ssrc = packet::load_be32(packet + 4);
  if (foreign(ssrc)) return {SrtpError::other, len};
  const size_t tag_len = info(suite_).rtcp_tag_len;
  const size_t body_end = len - rtcp_trailer_len();
  const bool aead = rtcp_.aead();
  // AES-CM: E+index, MKI, tag; GCM: tag, E+index, MKI.
  uint8_t* trailer = aead ? packet + len - mki_.len - kSrtcpIndexLen : packet + body_end;
  uint8_t* tag = aead ? packet + body_end : packet + len - tag_len;
  // Before the E flag and replay checks, as libsrtp does for SRTCP.
  if (!mki_matches(trailer + kSrtcpIndexLen)) return {SrtpError::auth_fail, len};
  const uint32_t word = packet::load_be32(trailer);
  const bool encrypted = (word & kEncryptedFlag) != 0;
  const uint32_t index = word & ~kEncryptedFlag;
  // libsrtp refuses an E flag against the policy for AES-CM; GCM authenticates the flag.
  if (!aead && encrypted != encrypt_rtcp_) return {SrtpError::other, len};

  SsrcState scratch;
  bool known = false;
  SsrcState& state = state_for(ssrc, scratch, known);
  if (state.rtcp_in.check(index) != ReplayVerdict::fresh) return {SrtpError::replay, len};

  const std::span<uint8_t> body(packet + kRtcpHeader, body_end - kRtcpHeader);
  if (aead) {
    const bool opened = encrypted
                            ? rtcp_.open(ssrc, index, {packet, kRtcpHeader}, {trailer, 4}, body, tag)
                            : rtcp_.open(ssrc, index, {packet, body_end}, {trailer, 4}, {}, tag);
    if (!opened) return {SrtpError::auth_fail, len};
  } else {
    uint8_t mac[kSha1Len];
    rtcp_.authenticate({packet, body_end + kSrtcpIndexLen}, {}, mac);
    if (CRYPTO_memcmp(mac, tag, tag_len) != 0) return {SrtpError::auth_fail, len};
    if (encrypted && !rtcp_.crypt(ssrc, index, body)) return {SrtpError::other, len};
  }
  state.rtcp_in.accept(index);
  commit(state, known);
  return {SrtpError::none, body_end};
}

}  // namespace rr::srtp
