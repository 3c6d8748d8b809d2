#include "control/dataplane/table_forwarding.hpp"

#include <array>
#include <memory>

#include "control/dataplane/srtp_transforms.hpp"
#include "relay/table/hot_memory.hpp"

namespace rr::dataplane {
namespace {

using session::ForwardSide;
using table::StreamState;

table::LearningPolicy policy_of(session::LearningMode mode) {
  switch (mode) {
    case session::LearningMode::asymmetric:
      return table::LearningPolicy::asymmetric;
    case session::LearningMode::strict_source:
      return table::LearningPolicy::strict_source;
    case session::LearningMode::symmetric:
      break;
  }
  return table::LearningPolicy::symmetric;
}

// The streams one side receives: RTP (carrying RTCP under mux) and its own RTCP port.
struct SideStates {
  std::shared_ptr<StreamState> rtp, rtcp;  // rtcp null under mux

  const std::shared_ptr<StreamState>& rtcp_or_rtp() const { return rtcp ? rtcp : rtp; }
};

}  // namespace

std::optional<table::EntryKey> TableForwarding::key_of(const Endpoint& relay) const {
  const int index = table_.address_index(relay.address);
  if (index < 0) return std::nullopt;
  return table::EntryKey{static_cast<uint8_t>(index), relay.port};
}

bool TableForwarding::publish_media(const session::MediaPath& path) {
  const stats::RtpClock clock(path.clock_rate, config_.ticks_per_second);
  auto states_of = [&](const ForwardSide& side) {
    return SideStates{
        table::make_hot_shared<StreamState>(side.peer_rtp, clock),
        side.relay_rtcp ? table::make_hot_shared<StreamState>(side.peer_rtcp, clock) : nullptr};
  };
  const SideStates a = states_of(path.a), b = states_of(path.b);
  // RTCP round trip: a report block on one side's RTCP stream answers the last SR carried by
  // the other side's. Each entry receiving one of these holds the other as its destination
  // (or RTCP egress), so the reverse stats outlive every packet that reads them.
  a.rtcp_or_rtp()->stats.link_reverse(b.rtcp_or_rtp()->stats);
  b.rtcp_or_rtp()->stats.link_reverse(a.rtcp_or_rtp()->stats);
  const table::LearningConfig learning{policy_of(path.learning.mode), config_.learning_window,
                                       path.learning.media_handover};

  // Builds the entry for packets arriving on `relay` from `from`'s peer, leaving toward `to`.
  auto build =
      [&](const Endpoint& relay, table::StreamKind kind, const Endpoint& expected,
          const std::shared_ptr<StreamState>& state, const ForwardSide& from, const ForwardSide& to,
          const Endpoint& egress_source,
          const std::shared_ptr<StreamState>& peer) -> std::unique_ptr<table::ForwardingEntry> {
    const std::optional<table::EntryKey> key = key_of(relay);
    if (!key || to.interface >= config_.port_ids.size()) return nullptr;
    std::optional<table::SrtpTransforms> srtp = srtp_transforms(from, to);
    if (!srtp) return nullptr;
    auto entry = std::make_unique<table::ForwardingEntry>();
    entry->key = *key;
    entry->kind = kind;
    entry->clock_rate = path.clock_rate;
    entry->learning = learning;
    entry->expected_source = expected;
    entry->egress = {config_.port_ids[to.interface], egress_source, 64, path.dscp,
                     table::latched_of(peer)};
    entry->srtp = std::move(*srtp);
    entry->state = state;
    return entry;
  };

  std::vector<std::unique_ptr<table::ForwardingEntry>> entries;
  for (const auto& [from, to, mine, theirs] :
       {std::tuple{&path.a, &path.b, &a, &b}, std::tuple{&path.b, &path.a, &b, &a}}) {
    entries.push_back(build(from->relay_rtp,
                            from->relay_rtcp ? table::StreamKind::rtp : table::StreamKind::rtp_mux,
                            from->peer_rtp, mine->rtp, *from, *to, to->relay_rtp, theirs->rtp));
    // Mux -> non-mux: RTCP demuxed on our mux port must reach their RTCP port from ours.
    // (The reverse needs nothing: their RTCP entry already targets our single port.)
    if (!from->relay_rtcp && to->relay_rtcp && entries.back())
      entries.back()->rtcp_egress = {entries.back()->egress.port_id, *to->relay_rtcp, 64, path.dscp,
                                     table::latched_of(theirs->rtcp)};
    if (from->relay_rtcp)
      entries.push_back(build(*from->relay_rtcp, table::StreamKind::rtcp, from->peer_rtcp,
                              mine->rtcp, *from, *to, to->relay_rtcp.value_or(to->relay_rtp),
                              theirs->rtcp_or_rtp()));
  }
  for (const auto& entry : entries)
    if (!entry) return false;  // nothing published yet: all or nothing
  for (auto& entry : entries)
    if (table_.publish(std::move(entry)) != table::PublishError::none) {
      retire_media(path);
      return false;
    }
  return true;
}

void TableForwarding::retire_media(const session::MediaPath& path) {
  for (const ForwardSide* side : {&path.a, &path.b})
    for (const std::optional<Endpoint>& relay : {std::optional(side->relay_rtp), side->relay_rtcp})
      if (relay)
        if (const std::optional<table::EntryKey> key = key_of(*relay)) table_.retire(*key);
}

const table::ForwardingEntry* TableForwarding::entry_at(const Endpoint& relay) const {
  const std::optional<table::EntryKey> key = key_of(relay);
  // Safe on the control thread: only this thread retires, so a published entry stays alive.
  return key ? table_.lookup(key->address_index, key->port) : nullptr;
}

std::optional<stats::StatsSnapshot> TableForwarding::stream_stats(const Endpoint& relay) const {
  const table::ForwardingEntry* entry = entry_at(relay);
  if (entry == nullptr) return std::nullopt;
  return entry->state->stats.snapshot();
}

session::StreamCounters TableForwarding::stream_counters(const Endpoint& relay) const {
  const table::ForwardingEntry* entry = entry_at(relay);
  if (entry == nullptr) return {};
  const stats::StatsSnapshot s = entry->state->stats.snapshot();
  session::StreamCounters out;
  out.packets = s.packets + s.rtcp_packets;
  out.bytes = s.bytes + s.rtcp_bytes;
  out.lost = s.lost_clamped();
  out.jitter_ms = static_cast<uint32_t>(s.jitter_ms() + 0.5);
  out.max_jitter_ms = static_cast<uint32_t>(s.max_jitter_ms() + 0.5);
  out.duplicates = s.duplicates;
  out.out_of_order = s.out_of_order;
  if (const auto mos = s.mos()) out.mos_x10 = static_cast<uint32_t>(*mos * 10.0 + 0.5);
  if (const auto rtt_ms = s.round_trip_ms()) {
    out.round_trips = s.round_trips;
    out.round_trip_us = static_cast<uint32_t>(*rtt_ms * 1000.0 + 0.5);
  }
  out.rtcp_reports = s.rtcp_reports;
  out.reported_fraction_lost = s.reported_fraction_lost;
  out.reported_lost = s.reported_lost;
  out.reported_jitter_ms = static_cast<uint32_t>(s.reported_jitter_ms() + 0.5);
  const auto& drops = entry->state->drops;
  for (const std::atomic<uint64_t>& count : drops)
    out.errors += count.load(std::memory_order_relaxed);
  auto drops_of = [&](packet::DropReason reason) {
    return drops[packet::index(reason)].load(std::memory_order_relaxed);
  };
  out.srtp_auth_failed = drops_of(packet::DropReason::srtp_auth_failed);
  out.srtp_replayed = drops_of(packet::DropReason::srtp_replay);
  out.srtp_errors = drops_of(packet::DropReason::srtp_error);
  return out;
}

}  // namespace rr::dataplane
