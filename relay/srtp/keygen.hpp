// Fresh SRTP master keys for the relay's own side of an SDES exchange (control thread).
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "relay/srtp/suite.hpp"

namespace rr::srtp {

// Fills `out` from the kernel CSPRNG (getrandom(2), blocking only until the pool is
// seeded at boot). False only if the kernel refuses.
bool secure_random(std::span<uint8_t> out);

// Key and salt sized for `suite`; nullopt if no randomness was available.
std::optional<KeyMaterial> generate_key(CryptoSuite suite);

}  // namespace rr::srtp
