// SrtpSession: one direction of SRTP/SRTCP for one stream, RAII over libsrtp's srtp_t.
// protect()/unprotect() work in place on the packet buffer; no allocation per packet
// (see README for libsrtp's one clone per new SSRC with an "any SSRC" policy).
#pragma once

#include <srtp2/srtp.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "relay/srtp/suite.hpp"

namespace rr::srtp {

enum class Direction : uint8_t {
  inbound,   // unprotect: SRTP from a peer -> RTP
  outbound,  // protect: RTP -> SRTP to a peer
};

// Why a packet was not processed: the worker counts these as drop reasons.
enum class SrtpError : uint8_t {
  none,
  auth_fail,   // tag mismatch: forged, corrupted or wrong key
  replay,      // index already seen or too old for the replay window
  too_short,   // shorter than a header plus the trailer
  no_room,     // buffer tailroom cannot hold the tag (caller bug)
  other,       // any other libsrtp failure (bad_param, cipher_fail, key_expired, ...)
};
std::string_view to_string(SrtpError error);
SrtpError classify(srtp_err_status_t status);

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
  // SRTCP is always authenticated (RFC 3711 3.4).
  bool encrypt_rtp = true;
  bool encrypt_rtcp = true;
  bool authenticate_rtp = true;
};

class SrtpSession {
 public:
  struct Created;
  static Created create(const SessionParams& params);

  SrtpSession(SrtpSession&& other) noexcept;
  SrtpSession& operator=(SrtpSession&& other) noexcept;
  SrtpSession(const SrtpSession&) = delete;
  SrtpSession& operator=(const SrtpSession&) = delete;
  ~SrtpSession();

  // Hot path. `capacity` is the writable size of the buffer at `packet`; protect needs
  // len + trailer_len() (RTP) or len + rtcp_trailer_len() (RTCP) of it.
  SrtpResult protect(uint8_t* packet, size_t len, size_t capacity);
  SrtpResult unprotect(uint8_t* packet, size_t len);
  SrtpResult protect_rtcp(uint8_t* packet, size_t len, size_t capacity);
  SrtpResult unprotect_rtcp(uint8_t* packet, size_t len);

  CryptoSuite suite() const { return suite_; }
  Direction direction() const { return direction_; }
  size_t trailer_len() const { return info(suite_).rtp_tag_len; }
  size_t rtcp_trailer_len() const { return info(suite_).rtcp_tag_len + kSrtcpIndexLen; }

 private:
  SrtpSession(srtp_t session, CryptoSuite suite, Direction direction)
      : session_(session), suite_(suite), direction_(direction) {}
  using Call = srtp_err_status_t (*)(srtp_t, void*, int*);
  SrtpResult run(Call call, uint8_t* packet, size_t len, size_t min_len, size_t capacity);

  srtp_t session_ = nullptr;
  CryptoSuite suite_;
  Direction direction_;
};

// The result of SrtpSession::create: a session, or why there is none.
struct SrtpSession::Created {
  std::optional<SrtpSession> session;
  srtp_err_status_t status = srtp_err_status_ok;
  bool ok() const { return session.has_value(); }
};

}  // namespace rr::srtp
