#include "tools/rtpgen/app.hpp"

#include <cmath>
#include <ostream>

#include "tools/rtpgen/destination.hpp"
#include "tools/rtpgen/dpdk_app.hpp"
#include "tools/rtpgen/netns.hpp"
#include "tools/rtpgen/run_support.hpp"
#include "tools/rtpgen/traffic.hpp"

namespace rr::rtpgen {

namespace {

constexpr int kSocketBuffer = 8 << 20;  // absorbs a 64-packet burst for thousands of streams

struct Side {
  ngclient::UdpSocket socket;
  Endpoint endpoint;
};

// Binds `where` inside network namespace `netns` (empty: ours); the socket stays there.
bool open_side(const Endpoint& where, const std::string& netns, Side& side, std::ostream& err) {
  std::string error;
  std::optional<NetnsScope> scope = NetnsScope::enter(netns, error);
  if (scope) side.socket = ngclient::UdpSocket::bind(where, error);
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

int run_sink(const Options& o, TrafficOptions traffic, std::ostream& out, std::ostream& err) {
  Side b;
  if (!open_side(*o.listen, {}, b, err)) return 1;
  Sink sink(o.streams, o.latency_streams);
  SocketReceiver receiver(b.socket, sink);
  traffic.drain_ns = static_cast<uint64_t>(std::llround(o.duration_s * 1e9));  // listen this long
  SocketReceiver* receivers[] = {&receiver};
  run_traffic({}, receivers, traffic);
  emit_report(o, {{"sink", nullptr, &sink}}, out, err);
  return 0;
}

int run_send(const Options& o, const DestinationPolicy& policy, const TrafficOptions& traffic,
             std::ostream& out, std::ostream& err) {
  if (std::string refused = policy.check(*o.destination); !refused.empty()) {
    err << "rtpgen: " << refused << '\n';
    return 1;
  }
  Side a;
  if (!open_side({o.local, 0}, {}, a, err)) return 1;
  SocketTransmitter transmitter(a.socket, same_destination(*o.destination, o.streams));
  Sender sender(transmitter, o.streams, 0, make_pacer(o));
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
  if (!open_side({o.local, 0}, o.netns_a, a, err) || !open_side({o.address_b(), 0}, o.netns_b, b, err)) return 1;
  std::optional<PairCalls> calls = set_up_pair(o, policy, a.endpoint, b.endpoint, out, err);
  if (!calls) return 1;
  std::optional<SrtpLegSessions> srtp = make_srtp_sessions(o, calls->plan, err);
  if (!srtp) {
    tear_down_pair(*calls, err);
    return 1;
  }
  const bool relayed = o.mode == Mode::relay;
  SocketTransmitter a_tx(a.socket, relayed ? std::move(calls->plan.a_destinations) : same_destination(b.endpoint, o.streams));
  SocketTransmitter b_tx(b.socket, relayed ? std::move(calls->plan.b_destinations) : same_destination(a.endpoint, o.streams));
  Sender a_sender(a_tx, o.streams, 0, make_pacer(o), srtp->sender_of(SrtpLeg::a));
  Sender b_sender(b_tx, o.streams, 1, make_pacer(o), srtp->sender_of(SrtpLeg::b));
  Sink a_sink(o.streams, o.latency_streams, srtp->receiver_of(SrtpLeg::a));  // receives B->A
  Sink b_sink(o.streams, o.latency_streams, srtp->receiver_of(SrtpLeg::b));  // receives A->B
  SocketReceiver a_rx(a.socket, a_sink), b_rx(b.socket, b_sink);
  Sender* senders[] = {&a_sender, &b_sender};
  SocketReceiver* receivers[] = {&a_rx, &b_rx};
  run_traffic(senders, receivers, traffic);
  tear_down_pair(*calls, err);
  emit_report(o, {{"a->b", &a_sender, &b_sink}, {"b->a", &b_sender, &a_sink}}, out, err);
  return 0;
}

}  // namespace

int run(const Options& o, const std::atomic<bool>* stop, std::ostream& out, std::ostream& err) {
  const DestinationPolicy policy = DestinationPolicy::for_this_process(o.allow_any_destination);
  const TrafficOptions traffic{static_cast<uint64_t>(std::llround(o.drain_s * 1e9)), stop};
  if (o.transport == Transport::dpdk) return run_dpdk_pair(o, policy, traffic, out, err);
  switch (o.mode) {
    case Mode::sink: return run_sink(o, traffic, out, err);
    case Mode::send: return run_send(o, policy, traffic, out, err);
    case Mode::loop:
    case Mode::relay: return run_pair(o, policy, traffic, out, err);
  }
  return 1;
}

}  // namespace rr::rtpgen
