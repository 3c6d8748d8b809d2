// Prints one scrape of both collectors fed with fake data, so that the deploy checks compare
// the rules and dashboard with the names the exporter really produces.
#include <prometheus/text_serializer.h>

#include <iostream>

#include "control/metrics/control_collector.hpp"
#include "control/metrics/relay_collector.hpp"
#include "tests/unit/metrics/fake_sources.hpp"

int main() {
  using namespace rr::metrics;
  testing_support::FakeSessions sessions;
  sessions.totals_.calls = 1;
  sessions.streams_ = {testing_support::with_rtcp(
      testing_support::make_stream("c1", "a", 1, "caller_to_callee", 100, 99, 5), 3, 1, 2, 0x1000)};
  ControlSampler sampler(
      {&sessions, testing_support::make_port_pools, testing_support::make_ng_counts});
  sampler.sample();
  rr::worker::WorkerCounters worker;

  auto families = ControlCollector(sampler).Collect();
  auto relay = RelayCollector({&worker}, {[] { return 1u; }, 2u},
                              [] { return std::vector<PortCounters>{{.interface = "pub"}}; })
                   .Collect();
  families.insert(families.end(), relay.begin(), relay.end());
  prometheus::TextSerializer().Serialize(std::cout, families);
  return 0;
}
