// libsrtp's process-wide state: srtp_init() exactly once, before the first session.
#pragma once

#include <srtp2/srtp.h>

namespace rr::srtp {

// Idempotent and thread-safe (std::call_once). Returns srtp_init()'s status, the same
// value on every call. libsrtp is never shut down: sessions may outlive any owner object.
srtp_err_status_t ensure_initialized();

}  // namespace rr::srtp
