// libsrtp2 behind SrtpSession's API: the oracle the OpenSSL sessions of relay/srtp are checked
// (tests) and timed (bench/micro/srtp) against. Same SessionParams, same SrtpResult; libsrtp's
// replay window is set to relay/srtp's 64 packets so that every decision can be compared.
#pragma once

#include <srtp2/srtp.h>

#include <cstddef>
#include <cstdint>
#include <memory>

#include "relay/srtp/session.hpp"

namespace rr::srtp::oracle {

// libsrtp's status as the worker would count it.
SrtpError classify(srtp_err_status_t status);

class LibsrtpSession {
 public:
  // nullptr when libsrtp refused the parameters.
  static std::unique_ptr<LibsrtpSession> create(const SessionParams& params);
  ~LibsrtpSession();
  LibsrtpSession(const LibsrtpSession&) = delete;
  LibsrtpSession& operator=(const LibsrtpSession&) = delete;

  SrtpResult protect(uint8_t* packet, size_t len, size_t capacity);
  SrtpResult unprotect(uint8_t* packet, size_t len);
  SrtpResult protect_rtcp(uint8_t* packet, size_t len, size_t capacity);
  SrtpResult unprotect_rtcp(uint8_t* packet, size_t len);

 private:
  LibsrtpSession(srtp_t session, size_t mki_len) : session_(session), mki_len_(mki_len) {}
  // The *_mki calls, with or without the MKI (use_mki, master key 0).
  using Protect = srtp_err_status_t (*)(srtp_t, void*, int*, unsigned, unsigned);
  using Unprotect = srtp_err_status_t (*)(srtp_t, void*, int*, unsigned);
  SrtpResult protect_with(Protect call, uint8_t* packet, size_t len, size_t capacity);
  SrtpResult unprotect_with(Unprotect call, uint8_t* packet, size_t len);
  srtp_t session_;
  size_t mki_len_;
};

}  // namespace rr::srtp::oracle
