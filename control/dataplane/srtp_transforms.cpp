#include "control/dataplane/srtp_transforms.hpp"

#include <memory>
#include <utility>

#include "relay/srtp/session.hpp"
#include "relay/table/hot_memory.hpp"

namespace rr::dataplane {
namespace {

// False when relay/srtp refused (e.g. UNAUTHENTICATED_SRTP with an AEAD suite); `out` stays
// null when there is no key (plain RTP).
bool make(const std::optional<session::SrtpKey>& key, srtp::Direction direction,
          std::shared_ptr<srtp::SrtpSession>& out) {
  if (!key) return true;
  srtp::SessionParams params;
  params.key = key->key;
  params.direction = direction;
  params.encrypt_rtp = key->encrypt_rtp;
  params.encrypt_rtcp = key->encrypt_rtcp;
  params.authenticate_rtp = key->authenticate_rtp;
  srtp::SrtpSession::Created created = srtp::SrtpSession::create(params);
  if (!created.ok()) return false;
  // Beside the entries and states on huge pages: read per packet (relay/table/hot_memory.hpp).
  out = table::make_hot_shared<srtp::SrtpSession>(std::move(*created.session));
  return true;
}

std::optional<session::SrtpKey> inbound(const session::ForwardSide& side) {
  return side.srtp ? std::optional(side.srtp->inbound) : std::nullopt;
}

std::optional<session::SrtpKey> outbound(const session::ForwardSide& side) {
  return side.srtp ? std::optional(side.srtp->outbound) : std::nullopt;
}

}  // namespace

std::optional<table::SrtpTransforms> srtp_transforms(const session::ForwardSide& from,
                                                     const session::ForwardSide& to) {
  table::SrtpTransforms out;
  if (!make(inbound(from), srtp::Direction::inbound, out.unprotect) ||
      !make(outbound(to), srtp::Direction::outbound, out.protect))
    return std::nullopt;
  return out;
}

}  // namespace rr::dataplane
