// How calls end (delete, timeouts) and how the data plane is kept in step with them.
#include <spdlog/spdlog.h>

#include "control/session/sdes_negotiate.hpp"
#include "control/session/sessions.hpp"

namespace rr::session {
namespace {

ForwardSide side_of(const Media& media) {
  const RelayPorts& relay = *media.relay;
  const bool own_rtcp_port = !media.rtcp_mux && relay.allocation.need == ports::Need::pair;
  return ForwardSide{relay.interface,
                     relay.rtp(),
                     own_rtcp_port ? std::optional<Endpoint>(relay.rtcp()) : std::nullopt,
                     *media.rtp_endpoint,
                     media.rtcp_endpoint.value_or(*media.rtp_endpoint),
                     keys_of(media.srtp)};
}

bool relayable(const Media& media) { return !media.disabled && media.relay && media.rtp_endpoint; }

// What the data plane should relay for `call` right now: each media both legs completed.
std::map<uint32_t, MediaPath> wanted_paths(const Call& call) {
  std::map<uint32_t, MediaPath> paths;
  auto a = call.legs.find(call.tag_a), b = call.legs.find(call.tag_b);
  if (!call.answered || a == call.legs.end() || b == call.legs.end()) return paths;
  const size_t count = std::min(a->second.media.size(), b->second.media.size());
  for (size_t i = 0; i < count; ++i) {
    const Media& ma = a->second.media[i];
    const Media& mb = b->second.media[i];
    if (relayable(ma) && relayable(mb))
      paths.emplace(ma.index,
                    MediaPath{side_of(ma), side_of(mb), call.learning, ma.clock_rate, call.dscp});
  }
  return paths;
}

}  // namespace

std::vector<Stream> streams_of(const Media& media) {
  std::vector<Stream> out;
  if (media.disabled || !media.relay) return out;
  out.reserve(2);
  out.push_back({StreamKind::rtp, media.relay->rtp(), media.rtp_endpoint});
  if (!media.rtcp_mux && media.relay->allocation.need == ports::Need::pair)
    out.push_back({StreamKind::rtcp, media.relay->rtcp(), media.rtcp_endpoint});
  return out;
}

bool Call::on_hold() const {
  for (const auto& [tag, leg] : legs)
    for (const Media& media : leg.media)
      if (!media.disabled && media.direction != sdp::Direction::sendrecv) return true;
  return false;
}

void Sessions::sync_forwarding(Call& call) {
  const std::map<uint32_t, MediaPath> wanted = wanted_paths(call);
  // Retire first: a changed media may reuse a key the new path needs.
  for (auto it = call.published.begin(); it != call.published.end();) {
    auto want = wanted.find(it->first);
    if (want != wanted.end() && want->second == it->second) {
      ++it;
      continue;
    }
    forwarding_.retire_media(it->second);
    it = call.published.erase(it);
  }
  for (const auto& [index, path] : wanted)
    if (call.published.count(index) == 0 && forwarding_.publish_media(path))
      call.published.emplace(index, path);
}

void Sessions::release_leg(Leg& leg) {
  for (Media& media : leg.media)
    if (media.relay) interfaces_.release(*media.relay), media.relay.reset();
}

void Sessions::end_call(std::map<std::string, Call>::iterator it, TeardownReason reason) {
  Call& call = it->second;
  for (const auto& [index, path] : call.published) forwarding_.retire_media(path);
  for (auto& [tag, leg] : call.legs) release_leg(leg);
  for (auto& [branch, leg] : call.forks) release_leg(leg);
  switch (reason) {
    case TeardownReason::deleted:
      ++stats_.deleted_sessions;
      break;
    case TeardownReason::timeout:
      ++stats_.timeout_sessions;
      break;
    case TeardownReason::silent_timeout:
      ++stats_.silent_timeout_sessions;
      break;
    case TeardownReason::final_timeout:
      ++stats_.final_timeout_sessions;
      break;
  }
  if (reason != TeardownReason::deleted)
    spdlog::info("call {} torn down: {}", call.call_id, to_string(reason));
  calls_.erase(it);
}

std::optional<TeardownReason> Sessions::expired(Call& call, Clock::time_point now) {
  uint64_t packets = 0;
  for (const auto& [tag, leg] : call.legs)
    for (const Media& media : leg.media)
      for (const Stream& stream : streams_of(media))
        packets += forwarding_.stream_counters(stream.local).packets;
  if (packets != call.packets_seen) call.packets_seen = packets, call.last_media = now;

  if (call.delete_at && now >= *call.delete_at) return TeardownReason::deleted;
  const Timeouts& t = config_.timeouts;
  if (t.final_timeout.count() > 0 && now - call.created >= t.final_timeout)
    return TeardownReason::final_timeout;
  const Clock::time_point active = std::max(call.last_signal, call.last_media);
  const bool hold = call.on_hold();
  const std::chrono::seconds limit = hold ? t.silent_timeout : t.timeout;
  if (limit.count() > 0 && now - active >= limit)
    return hold ? TeardownReason::silent_timeout : TeardownReason::timeout;
  return std::nullopt;
}

size_t Sessions::tick() {
  const Clock::time_point now = config_.now();
  size_t ended = 0;
  for (auto it = calls_.begin(); it != calls_.end();) {
    auto next = std::next(it);
    if (std::optional<TeardownReason> reason = expired(it->second, now))
      end_call(it, *reason), ++ended;
    it = next;
  }
  forwarding_.reclaim();
  return ended;
}

}  // namespace rr::session
