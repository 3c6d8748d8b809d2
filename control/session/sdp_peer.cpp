#include "control/session/sdp_peer.hpp"

namespace rr::session {
namespace {

std::optional<IpAddress> sdp_address(const sdp::Sdp& sdp, const sdp::Media& media) {
  const std::optional<sdp::Connection>& c = media.connection ? media.connection : sdp.connection;
  if (!c) return std::nullopt;
  return c->ip;
}

}  // namespace

std::optional<PeerMedia> peer_media(const sdp::Sdp& sdp, const sdp::Media& media,
                                    const SdpRequest& request) {
  std::optional<IpAddress> address = sdp_address(sdp, media);
  if (request.media_address)
    address = request.media_address;
  else if (request.flags.sip_source_address && !request.flags.trust_address &&
           request.received_from)
    address = request.received_from;  // the SIP source: the SDP address is behind NAT
  if (!address) return std::nullopt;

  PeerMedia peer;
  peer.rtp = {*address, media.port};
  peer.rtcp_mux = media.rtcp_mux;
  if (media.rtcp_mux) {
    peer.rtcp = peer.rtp;
  } else if (media.rtcp) {
    const std::optional<IpAddress> rtcp_ip =
        media.rtcp->connection ? media.rtcp->connection->ip : std::optional<IpAddress>{};
    peer.rtcp = {rtcp_ip && !request.media_address ? *rtcp_ip : *address, media.rtcp->port};
  } else {
    peer.rtcp = {*address, static_cast<uint16_t>(media.port + 1)};
  }
  return peer;
}

}  // namespace rr::session
