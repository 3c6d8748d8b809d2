#include "relay/srtp/keygen.hpp"

#include <sys/random.h>

#include <cerrno>

namespace rr::srtp {

bool secure_random(std::span<uint8_t> out) {
  size_t filled = 0;
  while (filled < out.size()) {
    const ssize_t n = getrandom(out.data() + filled, out.size() - filled, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    filled += static_cast<size_t>(n);
  }
  return true;
}

std::optional<KeyMaterial> generate_key(CryptoSuite suite) {
  KeyMaterial key;
  key.suite = suite;
  if (!secure_random(key.key_and_salt())) return std::nullopt;
  return key;
}

}  // namespace rr::srtp
