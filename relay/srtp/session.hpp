// SrtpSession: one direction of SRTP/SRTCP for one stream, over OpenSSL's libcrypto.
// protect()/unprotect() work in place on the packet buffer and allocate nothing: the ciphers
// are keyed once in create() and only re-IV'd per packet, HMAC-SHA1 starts from precomputed
// states, and per-SSRC state lives in a fixed table (README: tests count the allocations).
// Decisions (accept, auth failure, replay) match libsrtp2's, which the tests use as oracle.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "relay/srtp/packet_crypto.hpp"
#include "relay/srtp/pending_tag.hpp"
#include "relay/srtp/ssrc_streams.hpp"
#include "relay/srtp/suite.hpp"

namespace rr::srtp {

enum class Direction : uint8_t {
  inbound,   // unprotect: SRTP from a peer -> RTP
  outbound,  // protect: RTP -> SRTP to a peer
};

// Why a packet was not processed: the worker counts these as drop reasons.
enum class SrtpError : uint8_t {
  none,
  auth_fail,   // tag mismatch or an unknown MKI: forged, corrupted or wrong key
  replay,      // index already seen or too old for the replay window
  too_short,   // shorter than a header plus the trailer
  no_room,     // buffer tailroom cannot hold the tag (caller bug)
  other,       // header overruns the packet, foreign SSRC, SRTCP E flag against the
               // policy, SRTCP index exhausted, or a cipher failure
};
std::string_view to_string(SrtpError error);

// Why create() refused.
enum class CreateError : uint8_t {
  none,
  unauthenticated_aead,  // UNAUTHENTICATED_SRTP with an AEAD suite: GCM always authenticates
  crypto,                // OpenSSL refused a key or cipher
};
std::string_view to_string(CreateError error);

struct SrtpResult {
  SrtpError error = SrtpError::none;
  size_t len = 0;  // the packet's new length when ok()
  bool ok() const { return error == SrtpError::none; }
};

struct SessionParams {
  KeyMaterial key;
  Direction direction = Direction::inbound;
  std::optional<uint32_t> ssrc;    // nullopt: any SSRC in this direction
  bool allow_repeat_tx = false;    // outbound only: re-protect a retransmitted index
  // RFC 4568 6.3 session parameters (UNENCRYPTED_SRTP, UNENCRYPTED_SRTCP,
  // UNAUTHENTICATED_SRTP): only SDES may weaken a stream, so the defaults are full service.
  // SRTCP is always authenticated (RFC 3711 3.4). The AEAD suites encrypt RTP regardless of
  // encrypt_rtp, as libsrtp does.
  bool encrypt_rtp = true;
  bool encrypt_rtcp = true;
  bool authenticate_rtp = true;
};

class SrtpSession {
 public:
  struct Created;
  static Created create(const SessionParams& params);

  SrtpSession(SrtpSession&&) noexcept = default;
  SrtpSession& operator=(SrtpSession&&) noexcept = default;
  SrtpSession(const SrtpSession&) = delete;
  SrtpSession& operator=(const SrtpSession&) = delete;
  ~SrtpSession() = default;

  // Hot path. `capacity` is the writable size of the buffer at `packet`; protect needs
  // len + trailer_len() (RTP) or len + rtcp_trailer_len() (RTCP) of it. With an MKI, protect
  // writes it and unprotect refuses a packet carrying another one as auth_fail.
  SrtpResult protect(uint8_t* packet, size_t len, size_t capacity) noexcept;
  // The same, but an HMAC-SHA1 tag (AES-CM suites) is left in `pending` for the caller to
  // complete() before the packet leaves, its bytes zero until then (pending_tag.hpp); the
  // result is as protect()'s. GCM, unauthenticated RTP and a refused packet leave nothing
  // (`pending` is cleared).
  SrtpResult protect(uint8_t* packet, size_t len, size_t capacity, PendingTag& pending) noexcept;
  SrtpResult unprotect(uint8_t* packet, size_t len) noexcept;
  SrtpResult protect_rtcp(uint8_t* packet, size_t len, size_t capacity) noexcept;
  SrtpResult unprotect_rtcp(uint8_t* packet, size_t len) noexcept;

  CryptoSuite suite() const { return suite_; }
  Direction direction() const { return direction_; }
  size_t trailer_len() const { return info(suite_).rtp_tag_len + size_t{mki_.len}; }
  size_t rtcp_trailer_len() const { return info(suite_).rtcp_tag_len + kSrtcpIndexLen + mki_.len; }

  // What an RTP packet reads, for a caller that prefetches it a few packets ahead (the
  // worker's burst pipeline): the session's own bytes up to its first SSRC's state, all
  // adjacent (the RTCP crypto is kept after them; AES-NI's round keys are among them), and
  // then OpenSSL's cipher context, whose address those bytes hold: GCM's, or AES-CM's without
  // AES-NI; nullptr when there is none. At 100 000 streams each was a DRAM miss per packet.
  std::span<const uint8_t> rtp_hot_bytes() const noexcept {
    const auto* first = reinterpret_cast<const uint8_t*>(this);
    return {first, static_cast<size_t>(streams_.first_slot_end() - first)};
  }
  const void* rtp_cipher_context() const noexcept { return rtp_.cipher_context(direction_ == Direction::outbound); }

 private:
  explicit SrtpSession(const SessionParams& params);
  bool foreign(uint32_t ssrc) const noexcept { return ssrc_ && *ssrc_ != ssrc; }
  // The SSRC's state, or a fresh one in `scratch` that commit() stores once authentic.
  SsrcState& state_for(uint32_t ssrc, SsrcState& scratch, bool& known) noexcept;
  void commit(SsrcState& state, bool known) noexcept;
  SsrcState& outbound_state(uint32_t ssrc) noexcept;
  // protect() with or without a pending tag.
  SrtpResult protect_rtp(uint8_t* packet, size_t len, size_t capacity,
                         PendingTag* pending) noexcept;
  // Whether the MKI field at `at` names our master key (always true without an MKI).
  bool mki_matches(const uint8_t* at) const noexcept;

  CryptoSuite suite_;
  Direction direction_;
  std::optional<uint32_t> ssrc_;
  bool allow_repeat_tx_;
  bool encrypt_rtp_, encrypt_rtcp_, authenticate_rtp_;
  size_t rtp_tag_len_;  // 0 for UNAUTHENTICATED_SRTP
  Mki mki_;
  PacketCrypto rtp_;
  SsrcStreams streams_;  // after rtp_: rtp_hot_bytes() ends in its first slot
  PacketCrypto rtcp_;
};

// The result of SrtpSession::create: a session, or why there is none.
struct SrtpSession::Created {
  std::optional<SrtpSession> session;
  CreateError error = CreateError::none;
  bool ok() const { return session.has_value(); }
};

}  // namespace rr::srtp
