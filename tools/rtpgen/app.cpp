#include "tools/rtpgen/app.hpp"

#include <unistd.h>

#include <cmath>
#include <fstream>
#include <memory>
#include <ostream>

#include "tools/ngclient/client.hpp"
#include "tools/rtpgen/call_setup.hpp"
#include "tools/rtpgen/destination.hpp"
#include "tools/rtpgen/report.hpp"
#include "tools/rtpgen/traffic.hpp"

namespace rr::rtpgen {

namespace {

constexpr int kSocketBuffer = 8 << 20;  // absorbs a 64-packet burst for thousands of streams

struct Side {
  ngclient::UdpSocket socket;
  Endpoint endpoint;
};

bool open_side(const Endpoint& where, Side& side, std::ostream& err) {
  std::string error;
  side.socket = ngclient::UdpSocket::bind(where, error);
  if (!side.socket.valid()) {
    err << "rtpgen: " << error << '\n';
    return false;
  }
  side.socket.set_buffer_sizes(kSocketBuffer);
  side.endpoint = side.socket.local_endpoint().value_or(where);
  return true;
}

std::vector<ngclient::SockAddr> same_destination(const Endpoint& to, uint32_t streams) {
  return std::vector<ngclient::SockAddr>(streams, ngclient::SockAddr::from(to));
}

// run_traffic() sets the real start time once everything is allocated.
Pacer make_pacer(const Options& o) { return Pacer(0, o.rate(), o.packet_limit()); }

void report(const Options& o, const std::vector<Direction>& directions, std::ostream& out, std::ostream& err) {
  print_report(directions, o.rows, out);
  if (o.json_file.empty()) return;
  std::ofstream json(o.json_file);
  write_json(directions, json);
  if (!json) err << "rtpgen: could not write " << o.json_file << '\n';
}

}  // namespace

namespace {

int run_sink(const Options& o, TrafficOptions traffic, std::ostream& out, std::ostream& err) {
  Side b;
  if (!open_side(*o.listen, b, err)) return 1;
  Sink sink(b.socket, o.streams, o.latency_streams);
  traffic.drain_ns = static_cast<uint64_t>(std::llround(o.duration_s * 1e9));  // listen this long
  Sink* sinks[] = {&sink};
  run_traffic({}, sinks, traffic);
  report(o, {{"sink", nullptr, &sink}}, out, err);
  return 0;
}

int run_send(const Options& o, const DestinationPolicy& policy, const TrafficOptions& traffic,
             std::ostream& out, std::ostream& err) {
  if (std::string refused = policy.check(*o.destination); !refused.empty()) {
    err << "rtpgen: " << refused << '\n';
    return 1;
  }
  Side a;
  if (!open_side({o.local, 0}, a, err)) return 1;
  Sender sender(a.socket, same_destination(*o.destination, o.streams), 0, make_pacer(o));
  Sender* senders[] = {&sender};
  run_traffic(senders, {}, traffic);
  out << "sent " << sender.sent() << " packets to " << o.destination->to_string() << " ("
      << sender.send_errors() << " send errors)\n";
  return 0;
}

// Both sides in this process: A and B send to each other directly (loop) or through the
// relay ports of one call per stream (relay).
int run_pair(const Options& o, const DestinationPolicy& policy, const TrafficOptions& traffic,
             std::ostream& out, std::ostream& err) {
  Side a, b;
  if (!open_side({o.local, 0}, a, err) || !open_side({o.local, 0}, b, err)) return 1;
  std::vector<ngclient::SockAddr> a_to = same_destination(b.endpoint, o.streams);
  std::vector<ngclient::SockAddr> b_to = same_destination(a.endpoint, o.streams);
  std::unique_ptr<ngclient::Client> client;
  CallPlan plan;
  if (o.mode == Mode::relay) {
    if (std::string refused = policy.check(*o.ng); !refused.empty()) {
      err << "rtpgen: ng server: " << refused << '\n';
      return 1;
    }
    client = std::make_unique<ngclient::Client>(
        *o.ng, ngclient::ClientOptions{static_cast<int>(std::lround(o.ng_timeout_s * 1000)), o.ng_attempts});
    std::string prefix = "rtpgen-" + std::to_string(::getpid()) + "-";
    plan = set_up_calls(*client, o.streams, a.endpoint, b.endpoint, prefix, policy);
    if (!plan.error.empty()) {
      err << "rtpgen: " << plan.error << '\n';
      tear_down_calls(*client, plan.calls);
      return 1;
    }
    out << "set up " << plan.calls.size() << " calls through " << o.ng->to_string() << '\n';
    a_to = std::move(plan.a_destinations);
    b_to = std::move(plan.b_destinations);
  }
  Sender a_sender(a.socket, std::move(a_to), 0, make_pacer(o));
  Sender b_sender(b.socket, std::move(b_to), 1, make_pacer(o));
  Sink a_sink(a.socket, o.streams, o.latency_streams);  // receives B->A
  Sink b_sink(b.socket, o.streams, o.latency_streams);  // receives A->B
  Sender* senders[] = {&a_sender, &b_sender};
  Sink* sinks[] = {&a_sink, &b_sink};
  run_traffic(senders, sinks, traffic);
  if (client) {
    size_t failed = tear_down_calls(*client, plan.calls);
    if (failed > 0) err << "rtpgen: " << failed << " deletes failed\n";
  }
  report(o, {{"a->b", &a_sender, &b_sink}, {"b->a", &b_sender, &a_sink}}, out, err);
  return 0;
}

}  // namespace

int run(const Options& o, const std::atomic<bool>* stop, std::ostream& out, std::ostream& err) {
  const DestinationPolicy policy = DestinationPolicy::for_this_process(o.allow_any_destination);
  const TrafficOptions traffic{static_cast<uint64_t>(std::llround(o.drain_s * 1e9)), stop};
  switch (o.mode) {
    case Mode::sink: return run_sink(o, traffic, out, err);
    case Mode::send: return run_send(o, policy, traffic, out, err);
    case Mode::loop:
    case Mode::relay: return run_pair(o, policy, traffic, out, err);
  }
  return 1;
}

}  // namespace rr::rtpgen
