// SDES (RFC 4568) for rtpgen's SRTP leg: its SDP offers or answers RTP/SAVP with an a=crypto
// line carrying its own key, and the relay's key for that leg is read from the relay's SDP.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "control/sdes/crypto_attribute.hpp"

namespace rr::rtpgen {

// Which leg speaks SRTP (SDES): that side offers or answers RTP/SAVP with its own key per
// call, and the relay converts to plain RTP on the other leg.
enum class SrtpLeg : uint8_t { none, a, b };
struct SrtpCall {
  SrtpLeg leg = SrtpLeg::none;
  srtp::CryptoSuite suite = srtp::CryptoSuite::aes_cm_128_hmac_sha1_80;
};

// `plain_sdp` (ngclient::g711_sdp) with RTP/SAVP on its m= lines and `crypto` appended.
std::string savp_sdp(std::string plain_sdp, const sdes::CryptoAttribute& crypto);

// The first a=crypto line of a (hostile) SDP with `suite`, parsed; nullopt with `error` when
// there is none or it does not parse.
std::optional<sdes::CryptoAttribute> find_crypto(std::string_view sdp, srtp::CryptoSuite suite, std::string& error);

}  // namespace rr::rtpgen
