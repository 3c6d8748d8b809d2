// The phone's side of SRTP, done by libsrtp2 (tests/unit/srtp's oracle, not relay/srtp), so the
// test checks the relay against an independent implementation: AES_CM_128_HMAC_SHA1_80, any SSRC.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "tests/unit/srtp/libsrtp_oracle.hpp"

namespace rr::netlab {

class LibsrtpPeer {
 public:
  // An AES_CM_128_HMAC_SHA1_80 key, with its MKI if it has one. outbound: protect what the
  // phone sends; else unprotect.
  LibsrtpPeer(const srtp::KeyMaterial& key, bool outbound);

  bool ok() const { return session_ != nullptr; }
  std::vector<uint8_t> protect(std::vector<uint8_t> rtp, bool rtcp);
  // nullopt when libsrtp refuses it (authentication, replay).
  std::optional<std::vector<uint8_t>> unprotect(std::vector<uint8_t> srtp, bool rtcp);

 private:
  std::unique_ptr<srtp::oracle::LibsrtpSession> session_;
};

}  // namespace rr::netlab
