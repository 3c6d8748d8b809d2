#include "control/session/negotiate.hpp"

#include <optional>
#include <vector>

#include "control/sdp/rewrite.hpp"
#include "control/session/clock_rate.hpp"
#include "control/session/origin_version.hpp"
#include "control/session/sdes_negotiate.hpp"
#include "control/session/sdp_peer.hpp"

namespace rr::session {
namespace {

sdp::RtcpMux mux_toward_receiver(RtcpMuxMode mode) {
  switch (mode) {
    case RtcpMuxMode::offer:
    case RtcpMuxMode::require:
      return sdp::RtcpMux::add;
    case RtcpMuxMode::demux:
    case RtcpMuxMode::reject:
      return sdp::RtcpMux::remove;
    case RtcpMuxMode::keep:
    case RtcpMuxMode::accept:
      break;
  }
  return sdp::RtcpMux::keep;
}

bool receiver_gets_mux(RtcpMuxMode mode, bool offered) {
  const sdp::RtcpMux op = mux_toward_receiver(mode);
  return op == sdp::RtcpMux::add || (op == sdp::RtcpMux::keep && offered);
}

sdp::MediaPlan plan_for(const std::optional<RelayPorts>& relay, const Interfaces& interfaces) {
  sdp::MediaPlan plan;
  if (!relay) return plan;  // port 0: the media stays rejected
  plan.address = interfaces.advertised(*relay);
  plan.rtp_port = relay->allocation.rtp;
  plan.rtcp_port = relay->allocation.rtcp();
  return plan;
}

void release(Interfaces& interfaces, std::optional<RelayPorts>& relay) {
  if (relay) interfaces.release(*relay);
  relay.reset();
}

// What one m= line of an offer needs before anything is committed.
struct Staged {
  std::optional<PeerMedia> peer;  // nullopt: disabled media
  OfferCrypto crypto;
  std::optional<RelayPorts> offerer_ports, receiver_ports;
  bool offerer_new = false, receiver_new = false;  // freshly allocated: released on rollback
};

struct Sides {
  uint8_t offerer = 0, receiver = 0;
};

std::optional<Error> resolve_interfaces(const SdpRequest& request, const Interfaces& interfaces,
                                        Sides& sides) {
  const std::string first = request.direction.empty() ? std::string{} : request.direction[0];
  const std::string second = request.direction.size() > 1 ? request.direction[1] : first;
  const std::optional<uint8_t> a = interfaces.find(first), b = interfaces.find(second);
  if (!a || !b) return Error{ErrorKind::bad_request, reason::kUnknownInterface};
  sides = {*a, *b};
  return std::nullopt;
}

// Reuses `current` when it still fits, else allocates. False when nothing could be had.
bool stage_ports(Interfaces& interfaces, const std::optional<RelayPorts>& current, bool reuse,
                 uint8_t interface, Family family, ports::Need need, std::optional<RelayPorts>& out,
                 bool& fresh) {
  if (reuse && current && current->interface == interface &&
      current->allocation.address.family == family && current->allocation.need == need) {
    out = current;
    return true;
  }
  out = interfaces.allocate(interface, family, need);
  fresh = out.has_value();
  return fresh;
}

void rollback(Interfaces& interfaces, std::vector<Staged>& staged) {
  for (Staged& s : staged) {
    if (s.offerer_new) interfaces.release(*s.offerer_ports);
    if (s.receiver_new) interfaces.release(*s.receiver_ports);
  }
}

void resize(Leg& leg, size_t count, Interfaces& interfaces) {
  for (size_t i = count; i < leg.media.size(); ++i) release(interfaces, leg.media[i].relay);
  leg.media.resize(count);
  for (size_t i = 0; i < count; ++i) leg.media[i].index = static_cast<uint32_t>(i + 1);
}

void record_sdp_media(Media& media, const sdp::Media& m, const PeerMedia& peer) {
  media.type = m.type;
  media.proto = m.proto;
  media.disabled = false;
  media.rtp_endpoint = peer.rtp;
  media.rtcp_endpoint = peer.rtcp;
  media.offered_mux = peer.rtcp_mux;
  media.direction = m.direction;
  media.clock_rate = clock_rate_of(m);
}

}  // namespace

Learning learning_of(const Flags& flags) {
  Learning learning;
  if (flags.strict_source)
    learning.mode = LearningMode::strict_source;
  else if (flags.asymmetric)
    learning.mode = LearningMode::asymmetric;
  learning.media_handover = flags.media_handover;
  return learning;
}

Outcome<std::string> apply_offer(const sdp::Sdp& sdp, const SdpRequest& request, Leg& offerer,
                                 Leg& receiver, Interfaces& interfaces) {
  Sides sides;
  if (std::optional<Error> error = resolve_interfaces(request, interfaces, sides)) return *error;
  const ports::Need receiver_need =
      request.rtcp_mux == RtcpMuxMode::require ? ports::Need::single : ports::Need::pair;

  std::vector<Staged> staged(sdp.media.size());
  auto fail = [&](ErrorKind kind, const char* why) {
    rollback(interfaces, staged);
    return Error{kind, why};
  };
  for (size_t i = 0; i < sdp.media.size(); ++i) {
    const sdp::Media& m = sdp.media[i];
    if (m.disabled()) continue;
    Staged& s = staged[i];
    s.peer = peer_media(sdp, m, request);
    if (!s.peer) return fail(ErrorKind::bad_request, reason::kBadSdp);
    const Family offerer_family = s.peer->rtp.address.family;
    const Family receiver_family = request.address_family.value_or(offerer_family);
    if (!interfaces.has_family(sides.offerer, offerer_family) ||
        !interfaces.has_family(sides.receiver, receiver_family))
      return fail(ErrorKind::bad_request, reason::kAddressFamily);

    const Media* old_offerer = i < offerer.media.size() ? &offerer.media[i] : nullptr;
    const Media* old_receiver = i < receiver.media.size() ? &receiver.media[i] : nullptr;
    Outcome<OfferCrypto> crypto = stage_offer_crypto(m, request, old_offerer, old_receiver);
    if (!crypto) {
      rollback(interfaces, staged);
      return crypto.error();
    }
    s.crypto = std::move(crypto.value());
    const bool moved = !old_offerer || old_offerer->rtp_endpoint != s.peer->rtp;
    const bool ok = stage_ports(interfaces, old_offerer ? old_offerer->relay : std::nullopt, true,
                                sides.offerer, offerer_family, ports::Need::pair, s.offerer_ports,
                                s.offerer_new) &&
                    stage_ports(interfaces, old_receiver ? old_receiver->relay : std::nullopt,
                                !moved || request.flags.port_latching, sides.receiver,
                                receiver_family, receiver_need, s.receiver_ports, s.receiver_new);
    if (!ok) return fail(ErrorKind::ports_exhausted, reason::kNoPorts);
  }

  // Commit: from here on nothing fails.
  resize(offerer, sdp.media.size(), interfaces);
  resize(receiver, sdp.media.size(), interfaces);
  sdp::RewritePlan plan;
  plan.remove_ice = true;  // no relay candidates yet: the peer's would bypass the relay
  plan.replace_session_connection = request.flags.replace_session_connection;
  for (size_t i = 0; i < sdp.media.size(); ++i) {
    Media& out = offerer.media[i];
    Media& in = receiver.media[i];
    Staged& s = staged[i];
    if (s.offerer_new) release(interfaces, out.relay);
    if (s.receiver_new) release(interfaces, in.relay);
    if (!s.peer) {  // rejected or removed media: its ports go back
      release(interfaces, out.relay), release(interfaces, in.relay);
      out.disabled = in.disabled = true;
      out.type = in.type = sdp.media[i].type;
      plan.media.emplace_back();
      continue;
    }
    record_sdp_media(out, sdp.media[i], *s.peer);
    out.relay = s.offerer_ports;
    in.relay = s.receiver_ports;
    in.type = out.type;
    in.proto = s.crypto.receiver_proto;
    out.srtp = std::move(s.crypto.offerer);
    // A receiver's negotiated keys stay until its answer, so a re-offer does not flip the
    // data plane to plain RTP in between.
    in.srtp.offered = std::move(s.crypto.receiver_offered);
    if (in.srtp.offered.empty()) in.srtp = {};
    in.disabled = false;
    in.rtcp_mux = receiver_gets_mux(request.rtcp_mux, out.offered_mux);
    out.rtcp_mux = false;  // settled by the answer

    sdp::MediaPlan media_plan = plan_for(in.relay, interfaces);
    media_plan.rtcp_mux = mux_toward_receiver(request.rtcp_mux);
    if (in.proto != out.proto) media_plan.proto = in.proto;
    media_plan.crypto = std::move(s.crypto.lines_to_receiver);
    plan.media.push_back(std::move(media_plan));
    if (request.flags.replace_origin && !plan.origin_address)
      plan.origin_address = interfaces.advertised(*in.relay);
  }
  if (!request.label.empty()) offerer.label = request.label;
  return render_sdp(sdp, plan, request.flags.replace_sdp_version, offerer.origin);
}

namespace {

// What an answer needs per m= line before anything is committed.
struct AnswerStage {
  std::vector<PeerMedia> peers;
  std::vector<AnswerCrypto> crypto;
};

Outcome<AnswerStage> stage_answer(const sdp::Sdp& sdp, const SdpRequest& request,
                                  const Leg& offerer, const Leg& answerer) {
  if (sdp.media.size() > offerer.media.size())
    return Error{ErrorKind::bad_request, reason::kBadSdp};
  AnswerStage stage{std::vector<PeerMedia>(sdp.media.size()),
                    std::vector<AnswerCrypto>(sdp.media.size())};
  for (size_t i = 0; i < sdp.media.size(); ++i) {
    if (sdp.media[i].disabled() || !offerer.media[i].relay) continue;
    std::optional<PeerMedia> peer = peer_media(sdp, sdp.media[i], request);
    if (!peer) return Error{ErrorKind::bad_request, reason::kBadSdp};
    stage.peers[i] = *peer;
    if (i < answerer.media.size()) {
      Outcome<AnswerCrypto> crypto =
          stage_answer_crypto(sdp.media[i], offerer.media[i], answerer.media[i]);
      if (!crypto) return crypto.error();
      stage.crypto[i] = std::move(crypto.value());
    }
  }
  return stage;
}

}  // namespace

std::optional<Error> check_answer(const sdp::Sdp& sdp, const SdpRequest& request,
                                  const Leg& offerer, const Leg& answerer) {
  Outcome<AnswerStage> stage = stage_answer(sdp, request, offerer, answerer);
  return stage ? std::nullopt : std::optional<Error>(stage.error());
}

Outcome<std::string> apply_answer(const sdp::Sdp& sdp, const SdpRequest& request, Leg& offerer,
                                  Leg& answerer, Interfaces& interfaces) {
  Outcome<AnswerStage> stage = stage_answer(sdp, request, offerer, answerer);
  if (!stage) return stage.error();
  std::vector<PeerMedia>& peers = stage.value().peers;
  std::vector<AnswerCrypto>& crypto = stage.value().crypto;

  resize(answerer, offerer.media.size(), interfaces);
  sdp::RewritePlan plan;
  plan.remove_ice = true;
  plan.replace_session_connection = request.flags.replace_session_connection;
  for (size_t i = 0; i < sdp.media.size(); ++i) {
    Media& out = offerer.media[i];
    Media& in = answerer.media[i];
    const sdp::Media& m = sdp.media[i];
    if (m.disabled() || !out.relay || !in.relay) {  // rejected: both sides' ports go back
      release(interfaces, out.relay), release(interfaces, in.relay);
      out.disabled = in.disabled = true;
      sdp::MediaPlan rejected;  // rtp_port 0 keeps the m= line rejected toward the offerer
      plan.media.push_back(rejected);
      continue;
    }
    const std::string offered_proto = out.proto;
    record_sdp_media(in, m, peers[i]);
    in.srtp = std::move(crypto[i].answerer);
    in.rtcp_mux = peers[i].rtcp_mux;
    out.rtcp_mux = out.offered_mux && peers[i].rtcp_mux;

    sdp::MediaPlan media_plan = plan_for(out.relay, interfaces);
    // The receiver accepted mux the offerer never offered (we added it): hide it.
    if (peers[i].rtcp_mux && !out.offered_mux) media_plan.rtcp_mux = sdp::RtcpMux::remove;
    if (m.proto != offered_proto) media_plan.proto = offered_proto;  // undo transport-protocol
    media_plan.crypto = std::move(crypto[i].lines_to_offerer);
    plan.media.push_back(std::move(media_plan));
    if (request.flags.replace_origin && !plan.origin_address)
      plan.origin_address = interfaces.advertised(*out.relay);
  }
  if (!request.label.empty()) answerer.label = request.label;
  return render_sdp(sdp, plan, request.flags.replace_sdp_version, answerer.origin);
}

}  // namespace rr::session
