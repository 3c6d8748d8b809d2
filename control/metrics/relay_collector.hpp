// Data-plane families, read at scrape time straight from the workers' single-writer
// counters (relaxed atomic loads) and the mempool callback: nothing runs on the hot path.
#pragma once

#include <prometheus/collectable.h>

#include <functional>
#include <string>
#include <vector>

#include "relay/worker/worker_counters.hpp"

namespace rr::metrics {

struct MempoolSource {
  std::function<unsigned()> free_mbufs;  // rte_mempool_avail_count; must be thread safe
  unsigned size = 0;                     // mbufs in the pool
};

// One DPDK port's own counters (rte_eth_stats): what happened before a worker saw a packet.
struct PortCounters {
  std::string interface;
  uint64_t rx_packets = 0, tx_packets = 0;
  uint64_t rx_missed = 0;   // the NIC dropped them: RX ring full, the worker fell behind
  uint64_t rx_no_mbuf = 0;  // RX refill failed: the mempool ran dry
  uint64_t rx_errors = 0, tx_errors = 0;
};
// Reads every port at scrape time; must be callable from the HTTP thread.
using PortsSource = std::function<std::vector<PortCounters>()>;

class RelayCollector final : public prometheus::Collectable {
 public:
  // `workers[i]` is worker i's counters; they outlive this collector (or its exporter).
  RelayCollector(std::vector<const worker::WorkerCounters*> workers, MempoolSource mempool,
                 PortsSource ports = {})
      : workers_(std::move(workers)), mempool_(std::move(mempool)), ports_(std::move(ports)) {}

  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  std::vector<const worker::WorkerCounters*> workers_;
  MempoolSource mempool_;
  PortsSource ports_;
};

}  // namespace rr::metrics
