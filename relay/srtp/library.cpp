#include "relay/srtp/library.hpp"

#include <array>
#include <mutex>

#include "relay/srtp/session.hpp"
#include "relay/srtp/suite.hpp"

namespace rr::srtp {

srtp_err_status_t ensure_initialized() {
  static std::once_flag once;
  static srtp_err_status_t status = srtp_err_status_init_fail;
  std::call_once(once, [] { status = srtp_init(); });
  return status;
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
