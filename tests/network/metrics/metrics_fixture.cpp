#include "tests/network/metrics/metrics_fixture.hpp"

#include <unistd.h>

#include <thread>

namespace rr::netlab {

using namespace std::chrono_literals;

void RelayMetrics::SetUp() {
  ASSERT_EQ(geteuid(), 0u) << "namespace tests create namespaces and veths: run as root";
}

void RelayMetrics::start_relay(uint16_t port_min, uint16_t port_max, std::vector<std::string> keys) {
  topology_ = std::make_unique<Topology>();
  RelayOptions options = topology_->relay_options(RR_RELAY_BINARY, GetParam());
  for (auto& port : options.ports) port.more_addresses.clear();  // IPv6 would double the pools
  options.port_min = port_min;
  options.port_max = port_max;
  options.extra_args = std::move(keys);
  relay_ = std::make_unique<RelayProcess>(std::move(options));
  ASSERT_TRUE(relay_->wait_ready(120s)) << relay_->output();
  ng_ = std::make_unique<ngclient::Client>(relay_->ng(), ngclient::ClientOptions{});
  ASSERT_TRUE(ng_->open_error().empty()) << ng_->open_error();
  // The daemon starts the exporter before its control loop answers ng, so the line is
  // normally there already; the short wait only covers the log file being flushed late.
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (!(metrics_ = metrics_endpoint_in_log(relay_->output())) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(50ms);
  ASSERT_TRUE(metrics_) << "no 'metrics on http://...' line in the log:\n" << relay_->output();
}

std::optional<PhoneCall> RelayMetrics::open_call(const std::string& call_id) {
  PhoneCall call{{call_id, call_id + "-caller", call_id + "-callee"},
                 HostUdpSocket(topology_->caller(), {kCallerSide.host_address, 0}),
                 HostUdpSocket(topology_->callee(), {kCalleeSide.host_address, 0}),
                 {},
                 {}};
  auto relayed = set_up_call(call.ids, call.caller.local(), call.callee.local());
  if (!relayed) return std::nullopt;
  call.caller_sends_to = relayed->toward_caller;  // the relay's port on interface a
  call.callee_sends_to = relayed->toward_callee;
  return call;
}

std::vector<std::string> RelayMetrics::listed_calls() {
  bencode::Value request = bencode::Value::dict();
  request.set("command", "list");
  auto result = ng_->request(request);
  EXPECT_TRUE(result.ok()) << result.error;
  std::vector<std::string> ids;
  if (const bencode::Value* calls = result.body.find("calls"); calls && calls->as_list()) {
    for (const auto& id : *calls->as_list())
      if (id.as_string()) ids.push_back(*id.as_string());
  }
  return ids;
}

Exposition RelayMetrics::scrape() {
  auto body = http_get(*metrics_, "/metrics", 3s);
  EXPECT_TRUE(body) << "GET http://" << metrics_->to_string() << "/metrics failed";
  auto exposition = Exposition::parse(body.value_or(""));
  EXPECT_EQ(exposition.malformed_lines(), 0u) << *body;
  return exposition;
}

Exposition RelayMetrics::scrape_until(const std::function<bool(const Exposition&)>& done,
                                      std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    Exposition exposition = scrape();
    if (done(exposition) || std::chrono::steady_clock::now() >= deadline) return exposition;
    std::this_thread::sleep_for(200ms);
  }
}

SendTimes send_paced(const HostUdpSocket& from, const Endpoint& to, uint32_t ssrc,
                     std::span<const Departure> plan) {
  SendTimes sent;
  auto at = std::chrono::steady_clock::now();
  for (const auto& departure : plan) {
    at += departure.gap;
    std::this_thread::sleep_until(at);
    const auto packet = rtp_packet(departure.seq, ssrc, uint8_t(departure.seq));
    const auto now = std::chrono::steady_clock::now();
    if (from.send_to(to, packet)) sent.push_back(now);
  }
  return sent;
}

Labels stream_labels(const ngclient::CallIds& ids, bool from_caller) {
  return {{"call_id", ids.call_id},
          {"leg", from_caller ? ids.from_tag : ids.to_tag},
          {"media", "1"},
          {"direction", from_caller ? "caller_to_callee" : "callee_to_caller"}};
}

}  // namespace rr::netlab
