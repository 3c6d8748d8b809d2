// SDES-SRTP per leg (RFC 4568): which transport a leg speaks, which suites the relay offers
// and accepts, and fresh keys for the relay's own side. Pure functions of the peer's a=crypto
// lines and the previous state, so negotiate.cpp stages everything before it commits.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "control/sdes/crypto_attribute.hpp"
#include "control/sdp/sdp.hpp"
#include "control/session/forwarding.hpp"
#include "control/session/model.hpp"
#include "control/session/outcome.hpp"
#include "control/session/request.hpp"

namespace rr::session {

// other: DTLS-SRTP, plain UDP, ...: the relay leaves their a=crypto alone.
enum class Transport : uint8_t { other, rtp, srtp };
Transport transport_of(std::string_view proto);
// RTP/AVP <-> RTP/SAVP and RTP/AVPF <-> RTP/SAVPF; other protos come back unchanged.
std::string with_transport(std::string_view proto, Transport transport);

// What an offer does to SRTP on one m= line, staged: nothing is stored until it commits.
struct OfferCrypto {
  std::string receiver_proto;  // proto written toward the receiver
  MediaCrypto offerer;         // the offerer's chosen line and our answer to it (SRTP offerer)
  std::vector<sdes::CryptoAttribute> receiver_offered;  // ours toward an SRTP receiver
  // a=crypto lines toward the receiver; nullopt leaves them untouched (transport other).
  std::optional<std::vector<std::string>> lines_to_receiver;
};

// `previous_*`: the legs' state before this offer (nullptr for a new media), whose keys a
// re-offer keeps. Errors: a malformed a=crypto line, no usable suite, MKI/KDR, no randomness.
Outcome<OfferCrypto> stage_offer_crypto(const sdp::Media& media, const SdpRequest& request,
                                        const Media* previous_offerer,
                                        const Media* previous_receiver);

// What an answer does to SRTP on one m= line.
struct AnswerCrypto {
  MediaCrypto answerer;  // our offered line it accepted and its own key
  std::optional<std::vector<std::string>> lines_to_offerer;  // nullopt: untouched
};

// `offerer` / `answerer`: the legs as the offer left them.
Outcome<AnswerCrypto> stage_answer_crypto(const sdp::Media& media, const Media& offerer,
                                          const Media& answerer);

// The keys the data plane needs for a leg, when its SRTP is negotiated.
std::optional<SrtpKeys> keys_of(const MediaCrypto& crypto);

}  // namespace rr::session
