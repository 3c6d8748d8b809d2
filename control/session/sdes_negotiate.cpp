#include "control/session/sdes_negotiate.hpp"

#include <algorithm>
#include <array>

#include "relay/srtp/keygen.hpp"

namespace rr::session {
namespace {

using sdes::CryptoAttribute;
using srtp::CryptoSuite;

// rtpengine's order (daemon/crypto.c), minus the suites libsrtp lacks (AES-192, F8, NULL).
constexpr std::array kOfferOrder{
    CryptoSuite::aead_aes_256_gcm,        CryptoSuite::aead_aes_128_gcm,
    CryptoSuite::aes_256_cm_hmac_sha1_80, CryptoSuite::aes_256_cm_hmac_sha1_32,
    CryptoSuite::aes_cm_128_hmac_sha1_80, CryptoSuite::aes_cm_128_hmac_sha1_32};

// The proto pairs the relay bridges; index 0 is plain, 1 is SDES-SRTP.
constexpr std::array<std::array<std::string_view, 2>, 2> kProtos{
    {{"RTP/AVP", "RTP/SAVP"}, {"RTP/AVPF", "RTP/SAVPF"}}};

// What relay/srtp cannot do: refuse it by name rather than relay garbage. One key (with or
// without an MKI) per line; KDR=0 is the RFC 3711 default, derive once (rtpengine ignores KDR).
std::optional<Error> unsupported(const CryptoAttribute& a) {
  if (a.keys.size() != 1) return Error{ErrorKind::bad_request, reason::kCryptoKeys};
  if (a.kdr && *a.kdr != 0) return Error{ErrorKind::bad_request, reason::kCryptoKdr};
  return std::nullopt;
}

// Every line must parse; an unknown suite only skips the line (RFC 4568 7.1.1: a peer may
// offer suites we do not know), unless `known` ends up empty.
Outcome<std::vector<CryptoAttribute>> parse_lines(const std::vector<std::string>& lines) {
  std::vector<CryptoAttribute> known;
  std::string first_unknown;
  for (const std::string& line : lines) {
    sdes::CryptoParse parsed = sdes::parse_crypto(line);
    if (parsed.ok()) {
      known.push_back(std::move(*parsed.attribute));
    } else if (parsed.error.starts_with("crypto: unknown suite")) {
      if (first_unknown.empty()) first_unknown = parsed.error;
    } else {
      return Error{ErrorKind::bad_request, parsed.error};
    }
  }
  if (known.empty() && !first_unknown.empty()) return Error{ErrorKind::bad_request, first_unknown};
  return known;
}

// A key of `suite` the relay already gave this leg, so re-offers repeat it.
std::optional<srtp::KeyMaterial> previous_key(const Media* previous, CryptoSuite suite) {
  if (previous == nullptr) return std::nullopt;
  const MediaCrypto& c = previous->srtp;
  if (c.ours && c.ours->suite == suite) return c.ours->keys[0].key;
  for (const CryptoAttribute& a : c.offered)
    if (a.suite == suite) return a.keys[0].key;
  return std::nullopt;
}

std::optional<CryptoAttribute> ours_for(uint32_t tag, CryptoSuite suite, const Media* previous) {
  std::optional<srtp::KeyMaterial> key = previous_key(previous, suite);
  if (!key) key = srtp::generate_key(suite);
  if (!key) return std::nullopt;
  CryptoAttribute a;
  a.tag = tag;
  a.suite = suite;
  a.keys.push_back({*key, std::nullopt});
  return a;
}

std::vector<std::string> format_all(const std::vector<CryptoAttribute>& attributes) {
  std::vector<std::string> out;
  for (const CryptoAttribute& a : attributes) out.push_back(sdes::format_crypto(a));
  return out;
}

SrtpKey key_of(const CryptoAttribute& a) {
  return {a.keys[0].key, !a.unencrypted_srtp, !a.unencrypted_srtcp, !a.unauthenticated_srtp};
}

// The offerer's line the relay accepts: the first with a suite we run and the flags allow.
Outcome<CryptoAttribute> choose_offered(const sdp::Media& media, const SdesOptions& options) {
  Outcome<std::vector<CryptoAttribute>> parsed = parse_lines(media.crypto);
  if (!parsed) return parsed.error();
  for (const CryptoAttribute& a : parsed.value()) {
    if (!options.allows(a.suite) || !srtp::suite_available(a.suite)) continue;
    if (std::optional<Error> error = unsupported(a)) return *error;
    return a;
  }
  return Error{ErrorKind::bad_request, reason::kNoCryptoSuite};
}

// Our answer to `theirs`: its tag, suite and session parameters (RFC 4568 6.3 wants them
// equal in both directions), with our key.
Outcome<CryptoAttribute> answer_to(const CryptoAttribute& theirs, const Media* previous) {
  std::optional<CryptoAttribute> ours = ours_for(theirs.tag, theirs.suite, previous);
  if (!ours) return Error{ErrorKind::bad_request, reason::kNoRandomness};
  // Our key carries an MKI only toward a peer that uses one itself, of the same length (it
  // surely parses those); rtpengine never sends one.
  const size_t mki_len = theirs.keys[0].key.mki.len;
  ours->keys[0].key.mki = mki_len > 0 ? *srtp::Mki::from_value(1, mki_len) : srtp::Mki{};
  ours->unencrypted_srtp = theirs.unencrypted_srtp;
  ours->unencrypted_srtcp = theirs.unencrypted_srtcp;
  ours->unauthenticated_srtp = theirs.unauthenticated_srtp;
  return *ours;
}

// One line per allowed suite in rtpengine's order, tags 1..n.
Outcome<std::vector<CryptoAttribute>> offer_suites(const SdesOptions& options,
                                                   const Media* previous) {
  std::vector<CryptoAttribute> out;
  for (CryptoSuite suite : kOfferOrder) {
    if (!options.allows(suite) || !srtp::suite_available(suite)) continue;
    std::optional<CryptoAttribute> a =
        ours_for(static_cast<uint32_t>(out.size() + 1), suite, previous);
    if (!a) return Error{ErrorKind::bad_request, reason::kNoRandomness};
    a->unencrypted_srtp = options.unencrypted_srtp;
    a->unencrypted_srtcp = options.unencrypted_srtcp;
    a->unauthenticated_srtp = options.unauthenticated_srtp;
    out.push_back(std::move(*a));
  }
  if (out.empty()) return Error{ErrorKind::bad_request, reason::kNoSuiteToOffer};
  return out;
}

}  // namespace

bool SdesOptions::allows(CryptoSuite suite) const {
  if (std::find(no.begin(), no.end(), suite) != no.end()) return false;
  return only.empty() || std::find(only.begin(), only.end(), suite) != only.end();
}

Transport transport_of(std::string_view proto) {
  for (const auto& pair : kProtos) {
    if (proto == pair[0]) return Transport::rtp;
    if (proto == pair[1]) return Transport::srtp;
  }
  return Transport::other;
}

std::string with_transport(std::string_view proto, Transport transport) {
  for (const auto& pair : kProtos)
    if (proto == pair[0] || proto == pair[1])
      return std::string(pair[transport == Transport::srtp ? 1 : 0]);
  return std::string(proto);
}

Outcome<OfferCrypto> stage_offer_crypto(const sdp::Media& media, const SdpRequest& request,
                                        const Media* previous_offerer,
                                        const Media* previous_receiver) {
  OfferCrypto out;
  out.receiver_proto =
      request.transport_protocol.empty() ? media.proto : request.transport_protocol;
  const Transport from = transport_of(media.proto);
  Transport to = transport_of(out.receiver_proto);
  if (from == Transport::other || to == Transport::other) return out;  // not ours to touch
  if (to == Transport::srtp && request.sdes.off) {
    to = Transport::rtp;  // no DTLS here: an SRTP proto without SDES keys would carry nothing
    out.receiver_proto = with_transport(out.receiver_proto, to);
  }
  if (from == Transport::srtp) {
    Outcome<CryptoAttribute> theirs = choose_offered(media, request.sdes);
    if (!theirs) return theirs.error();
    Outcome<CryptoAttribute> ours = answer_to(theirs.value(), previous_offerer);
    if (!ours) return ours.error();
    out.offerer.theirs = std::move(theirs.value());
    out.offerer.ours = std::move(ours.value());
  }
  out.lines_to_receiver.emplace();  // the relay terminates SRTP: the offerer's keys stay here
  if (to == Transport::srtp) {
    Outcome<std::vector<CryptoAttribute>> offered = offer_suites(request.sdes, previous_receiver);
    if (!offered) return offered.error();
    out.receiver_offered = std::move(offered.value());
    *out.lines_to_receiver = format_all(out.receiver_offered);
  }
  return out;
}

Outcome<AnswerCrypto> stage_answer_crypto(const sdp::Media& media, const Media& offerer,
                                          const Media& answerer) {
  AnswerCrypto out;
  out.answerer = answerer.srtp;
  if (transport_of(offerer.proto) == Transport::other ||
      transport_of(answerer.proto) == Transport::other)
    return out;
  out.answerer.ours.reset();
  out.answerer.theirs.reset();
  // An answerer refusing SRTP with a plain proto stays plain rather than failing the call.
  if (transport_of(media.proto) == Transport::srtp && !answerer.srtp.offered.empty()) {
    Outcome<std::vector<CryptoAttribute>> parsed = parse_lines(media.crypto);
    if (!parsed) return parsed.error();
    for (const CryptoAttribute& theirs : parsed.value())
      for (const CryptoAttribute& ours : answerer.srtp.offered)
        if (!out.answerer.theirs && theirs.tag == ours.tag && theirs.suite == ours.suite) {
          if (std::optional<Error> error = unsupported(theirs)) return *error;
          out.answerer.theirs = theirs;
          out.answerer.ours = ours;
        }
    if (!out.answerer.theirs) return Error{ErrorKind::bad_request, reason::kCryptoNoMatch};
  }
  out.lines_to_offerer.emplace();
  if (offerer.srtp.ours) out.lines_to_offerer->push_back(sdes::format_crypto(*offerer.srtp.ours));
  return out;
}

std::optional<SrtpKeys> keys_of(const MediaCrypto& crypto) {
  if (!crypto.active()) return std::nullopt;
  return SrtpKeys{key_of(*crypto.theirs), key_of(*crypto.ours)};
}

}  // namespace rr::session
