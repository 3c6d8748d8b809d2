#include "control/dataplane/table_forwarding.hpp"

#include <array>
#include <memory>

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
        std::make_shared<StreamState>(side.peer_rtp, clock),
        side.relay_rtcp ? std::make_shared<StreamState>(side.peer_rtcp, clock) : nullptr};
  };
  const SideStates a = states_of(path.a), b = states_of(path.b);
  const table::LearningConfig learning{policy_of(path.learning.mode), config_.learning_window,
                                       path.learning.media_handover};

  // Builds the entry for packets arriving on `relay` from `from`'s peer, leaving toward `to`.
  auto build =
      [&](const Endpoint& relay, table::StreamKind kind, const Endpoint& expected,
          const std::shared_ptr<StreamState>& state, const ForwardSide& to,
          const Endpoint& egress_source,
          const std::shared_ptr<StreamState>& peer) -> std::unique_ptr<table::ForwardingEntry> {
    const std::optional<table::EntryKey> key = key_of(relay);
    if (!key || to.interface >= config_.port_ids.size()) return nullptr;
    auto entry = std::make_unique<table::ForwardingEntry>();
    entry->key = *key;
    entry->kind = kind;
    entry->clock_rate = path.clock_rate;
    entry->learning = learning;
    entry->expected_source = expected;
    entry->egress = {config_.port_ids[to.interface], egress_source, 64, path.dscp,
                     table::latched_of(peer)};
    entry->state = state;
    return entry;
  };

  std::vector<std::unique_ptr<table::ForwardingEntry>> entries;
  for (const auto& [from, to, mine, theirs] :
       {std::tuple{&path.a, &path.b, &a, &b}, std::tuple{&path.b, &path.a, &b, &a}}) {
    entries.push_back(build(from->relay_rtp,
                            from->relay_rtcp ? table::StreamKind::rtp : table::StreamKind::rtp_mux,
                            from->peer_rtp, mine->rtp, *to, to->relay_rtp, theirs->rtp));
    if (from->relay_rtcp)
      entries.push_back(build(*from->relay_rtcp, table::StreamKind::rtcp, from->peer_rtcp,
                              mine->rtcp, *to, to->relay_rtcp.value_or(to->relay_rtp),
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
  session::StreamCounters out{s.packets + s.rtcp_packets, s.bytes + s.rtcp_bytes, 0};
  for (const std::atomic<uint64_t>& drops : entry->state->drops)
    out.errors += drops.load(std::memory_order_relaxed);
  return out;
}

}  // namespace rr::dataplane
