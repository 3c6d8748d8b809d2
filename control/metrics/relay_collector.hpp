// Data-plane families, read at scrape time straight from the workers' single-writer
// counters (relaxed atomic loads) and the mempool callback: nothing runs on the hot path.
#pragma once

#include <prometheus/collectable.h>

#include <functional>
#include <vector>

#include "relay/worker/worker_counters.hpp"

namespace rr::metrics {

struct MempoolSource {
  std::function<unsigned()> free_mbufs;  // rte_mempool_avail_count; must be thread safe
  unsigned size = 0;                     // mbufs in the pool
};

class RelayCollector final : public prometheus::Collectable {
 public:
  // `workers[i]` is worker i's counters; they outlive this collector (or its exporter).
  RelayCollector(std::vector<const worker::WorkerCounters*> workers, MempoolSource mempool)
      : workers_(std::move(workers)), mempool_(std::move(mempool)) {}

  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  std::vector<const worker::WorkerCounters*> workers_;
  MempoolSource mempool_;
};

}  // namespace rr::metrics
