#include "control/metrics/relay_collector.hpp"

#include <string>

#include "control/metrics/family.hpp"

namespace rr::metrics {

namespace {

using prometheus::MetricType;

uint64_t sum(const std::vector<const worker::WorkerCounters*>& workers, worker::Counter c) {
  uint64_t total = 0;
  for (const auto* w : workers) total += w->get(c);
  return total;
}

void add_relayed(Families& out, const std::vector<const worker::WorkerCounters*>& workers) {
  auto& packets = add_family(out, "relayed_packets_total",
                             "RTP and RTCP packets relayed by all workers", MetricType::Counter);
  add_value(packets, {{"kind", "rtp"}},
            static_cast<double>(sum(workers, worker::Counter::rtp_packets)));
  add_value(packets, {{"kind", "rtcp"}},
            static_cast<double>(sum(workers, worker::Counter::rtcp_packets)));

  auto& drops =
      add_family(out, "dropped_packets_total",
                 "Packets not relayed, by reason, summed over workers", MetricType::Counter);
  for (const auto& info : packet::kDropReasons) {
    uint64_t total = 0;
    for (const auto* w : workers) total += w->dropped(info.reason);
    add_value(drops, {{"reason", std::string(info.name)}}, static_cast<double>(total));
  }
}

// One family per row of RR_WORKER_COUNTERS, so a new counter is exported without a change here.
void add_per_worker(Families& out, const std::vector<const worker::WorkerCounters*>& workers) {
  for (size_t c = 0; c < worker::kCounterInfo.size(); ++c) {
    const auto& info = worker::kCounterInfo[c];
    auto& family = add_family(out, std::string("worker_") + info.name + "_total",
                              std::string("Per worker: ") + info.help, MetricType::Counter);
    for (size_t i = 0; i < workers.size(); ++i) {
      add_value(family, {{"worker", std::to_string(i)}},
                static_cast<double>(workers[i]->get(static_cast<worker::Counter>(c))));
    }
  }
  auto& drops = add_family(out, "worker_dropped_packets_total",
                           "Per worker: packets not relayed, all reasons", MetricType::Counter);
  for (size_t i = 0; i < workers.size(); ++i) {
    uint64_t total = 0;
    for (const auto& info : packet::kDropReasons) total += workers[i]->dropped(info.reason);
    add_value(drops, {{"worker", std::to_string(i)}}, static_cast<double>(total));
  }
}

// The ports' own counters: a loss that no drop reason explains happened here.
void add_ports(Families& out, const std::vector<PortCounters>& ports) {
  struct Row {
    const char* name;
    const char* help;
    uint64_t PortCounters::*value;
  };
  static constexpr Row kRows[] = {
      {"port_received_packets_total", "Packets the port received", &PortCounters::rx_packets},
      {"port_transmitted_packets_total", "Packets the port transmitted", &PortCounters::tx_packets},
      {"port_missed_packets_total",
       "Packets the port dropped because its RX ring was full (the worker fell behind)",
       &PortCounters::rx_missed},
      {"port_mbuf_allocation_failures_total",
       "RX ring refills that failed because the mbuf pool was empty", &PortCounters::rx_no_mbuf},
      {"port_receive_errors_total", "Erroneous packets the port received", &PortCounters::rx_errors},
      {"port_transmit_errors_total", "Packets the port failed to transmit", &PortCounters::tx_errors},
  };
  for (const auto& row : kRows) {
    auto& family = add_family(out, row.name, row.help, MetricType::Counter);
    for (const auto& port : ports) {
      add_value(family, {{"interface", port.interface}}, static_cast<double>(port.*row.value));
    }
  }
}

}  // namespace

std::vector<prometheus::MetricFamily> RelayCollector::Collect() const {
  Families out;
  add_relayed(out, workers_);
  add_per_worker(out, workers_);
  if (mempool_.free_mbufs) {
    add_value(add_family(out, "mempool_free_mbufs", "Packet buffers free in the mbuf pool",
                         MetricType::Gauge),
              {}, mempool_.free_mbufs());
    add_value(
        add_family(out, "mempool_size_mbufs", "Packet buffers in the mbuf pool", MetricType::Gauge),
        {}, mempool_.size);
  }
  if (ports_) add_ports(out, ports_());
  return out;
}

}  // namespace rr::metrics
