// session::Forwarding over relay/table: each media becomes up to four immutable forwarding
// entries (RTP and RTCP, each direction), published with a release store and retired through
// the table's QSBR, so media flows as soon as an answer is processed and stops as soon as
// delete returns. Control thread only.
#pragma once

#include <cstdint>
#include <vector>

#include "control/session/forwarding.hpp"
#include "relay/table/forwarding_table.hpp"

namespace rr::dataplane {

struct DataplaneConfig {
  std::vector<uint16_t> port_ids;             // DPDK port per session interface index
  uint64_t ticks_per_second = 1'000'000'000;  // the workers' time base (rte_get_tsc_hz())
  table::LearningWindow learning_window;
};

class TableForwarding final : public session::Forwarding {
 public:
  // `table` outlives this object; workers read it concurrently.
  TableForwarding(table::ForwardingTable& table, DataplaneConfig config)
      : table_(table), config_(std::move(config)) {}

  bool publish_media(const session::MediaPath& path) override;
  void retire_media(const session::MediaPath& path) override;
  void reclaim() override { table_.reclaim(); }
  session::StreamCounters stream_counters(const Endpoint& relay) const override;
  // The full RFC 3550 statistics of the stream received on `relay`, for metrics.
  std::optional<stats::StatsSnapshot> stream_stats(const Endpoint& relay) const;

 private:
  std::optional<table::EntryKey> key_of(const Endpoint& relay) const;
  const table::ForwardingEntry* entry_at(const Endpoint& relay) const;

  table::ForwardingTable& table_;
  DataplaneConfig config_;
};

}  // namespace rr::dataplane
