// The phone's side of SRTP, written straight against libsrtp2 (not relay/srtp), so the test
// checks the relay against an independent implementation: AES_CM_128_HMAC_SHA1_80, any SSRC.
#pragma once

#include <srtp2/srtp.h>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace rr::netlab {

class LibsrtpPeer {
 public:
  // `key_and_salt`: 30 bytes. outbound: protect what the phone sends; else unprotect.
  LibsrtpPeer(std::span<const uint8_t> key_and_salt, bool outbound);
  ~LibsrtpPeer();
  LibsrtpPeer(const LibsrtpPeer&) = delete;
  LibsrtpPeer& operator=(const LibsrtpPeer&) = delete;

  bool ok() const { return session_ != nullptr; }
  std::vector<uint8_t> protect(std::vector<uint8_t> rtp, bool rtcp);
  // nullopt when libsrtp refuses it (authentication, replay).
  std::optional<std::vector<uint8_t>> unprotect(std::vector<uint8_t> srtp, bool rtcp);

 private:
  srtp_t session_ = nullptr;
};

}  // namespace rr::netlab
