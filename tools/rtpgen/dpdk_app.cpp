#include "tools/rtpgen/dpdk_app.hpp"

#include <sched.h>
#include <unistd.h>

#include <ostream>

#include "relay/dpdk/eal.hpp"
#include "relay/dpdk/mempool.hpp"
#include "tools/rtpgen/clock.hpp"
#include "tools/rtpgen/dpdk_side.hpp"
#include "tools/rtpgen/run_support.hpp"

namespace rr::rtpgen {

namespace {

constexpr size_t kBurstsPerTurn = 4;  // as the socket loop: receive between catch-up bursts

// The EAL's lcore: --dpdk-core, else the first CPU this process may run on (taskset).
unsigned eal_core(const Options& o) {
  if (o.dpdk_core >= 0) return static_cast<unsigned>(o.dpdk_core);
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(0, sizeof set, &set) == 0) {
    for (unsigned cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
      if (CPU_ISSET(cpu, &set)) return cpu;
    }
  }
  return 0;
}

dpdk::EalOptions eal_options(const Options& o) {
  const std::string pid = std::to_string(::getpid());
  return {.args = {"-l", std::to_string(eal_core(o)), "--no-pci", "--file-prefix=rtpgen-" + pid,
                   "--log-level=lib.eal:notice"},
          .program = "rtpgen",
          .no_huge_memory_mb = 256};
}

std::vector<Endpoint> endpoints(const std::vector<ngclient::SockAddr>& addresses) {
  std::vector<Endpoint> out;
  out.reserve(addresses.size());
  for (const ngclient::SockAddr& a : addresses) out.push_back(a.to_endpoint().value_or(Endpoint{}));
  return out;
}

bool stopped(const TrafficOptions& traffic) { return traffic.stop && traffic.stop->load(std::memory_order_relaxed); }

// Busy polls both ports on this core: pump the senders, receive, until every packet is
// sent; then keep receiving for the drain period.
void run_polling(std::span<Sender* const> senders, DpdkSide& a, Sink& a_sink, DpdkSide& b, Sink& b_sink,
                 const TrafficOptions& traffic) {
  const uint64_t start = monotonic_ns();
  for (Sender* sender : senders) sender->start(start);
  for (bool sending = true; sending && !stopped(traffic);) {
    const uint64_t now = monotonic_ns();
    sending = false;
    for (Sender* sender : senders) {
      sender->pump(now, kBurstsPerTurn);
      sending = sending || !sender->pacer().done();
    }
    a.poll(a_sink);
    b.poll(b_sink);
  }
  for (const uint64_t end = monotonic_ns() + traffic.drain_ns; monotonic_ns() < end;) {
    a.poll(a_sink);
    b.poll(b_sink);
  }
}

void print_port_counters(const char* name, const DpdkSide& side, std::ostream& out) {
  out << name << " port " << side.mac().to_string() << ": ARP answered " << side.arp_answered()
      << ", ND answered " << side.nd_answered()
      << ", frames ignored " << side.ignored_frames() << ", TX stalls " << side.tx_stalls()
      << ", RX missed " << side.rx_missed() << '\n';
}

}  // namespace

int run_dpdk_pair(const Options& o, const DestinationPolicy& policy, const TrafficOptions& traffic,
                  std::ostream& out, std::ostream& err) {
  dpdk::Result<dpdk::Eal> eal = dpdk::Eal::init(eal_options(o));
  if (!eal) {
    err << "rtpgen: " << eal.error().message << '\n';
    return 1;
  }
  if (!eal->warning().empty()) err << "rtpgen: " << eal->warning() << '\n';
  // Two ports' RX and TX rings, a burst in flight and the per-lcore cache.
  dpdk::Result<dpdk::Mempool> pool =
      dpdk::Mempool::create("rtpgen", dpdk::mempool_size({.ports = 2, .rx_descriptors = DpdkSide::kRingSize,
                                                          .tx_descriptors = DpdkSide::kRingSize, .burst = 64}));
  if (!pool) {
    err << "rtpgen: " << pool.error().message << '\n';
    return 1;
  }
  int status = 1;
  {  // ports before the pool, the pool before the EAL
    auto a = DpdkSide::open({o.netns_a, o.dpdk_a, o.peer_mac_a, o.local, o.udp_port_a}, pool->get());
    auto b = a ? DpdkSide::open({o.netns_b, o.dpdk_b, o.peer_mac_b, o.address_b(), o.udp_port_b}, pool->get())
               : dpdk::Result<std::unique_ptr<DpdkSide>>(a.error());
    if (!a || !b) {
      err << "rtpgen: " << (a ? b.error() : a.error()).message << '\n';
      return 1;
    }
    DpdkSide& side_a = **a;
    DpdkSide& side_b = **b;
    std::optional<PairCalls> calls = set_up_pair(o, policy, side_a.local(), side_b.local(), out, err);
    if (!calls) return 1;
    std::optional<SrtpLegSessions> srtp = make_srtp_sessions(o, calls->plan, err);
    if (!srtp) {
      tear_down_pair(*calls, err);
      return 1;
    }
    const bool relayed = o.mode == Mode::relay;
    side_a.set_destinations(relayed ? endpoints(calls->plan.a_destinations)
                                    : std::vector<Endpoint>(o.streams, side_b.local()));
    side_b.set_destinations(relayed ? endpoints(calls->plan.b_destinations)
                                    : std::vector<Endpoint>(o.streams, side_a.local()));
    Sender a_sender(side_a, o.streams, 0, Pacer(0, o.rate(), o.packet_limit()), srtp->sender_of(SrtpLeg::a));
    Sender b_sender(side_b, o.streams, 1, Pacer(0, o.rate(), o.packet_limit()), srtp->sender_of(SrtpLeg::b));
    Sink a_sink(o.streams, o.latency_streams, srtp->receiver_of(SrtpLeg::a));
    Sink b_sink(o.streams, o.latency_streams, srtp->receiver_of(SrtpLeg::b));
    Sender* senders[] = {&a_sender, &b_sender};
    run_polling(senders, side_a, a_sink, side_b, b_sink, traffic);
    tear_down_pair(*calls, err);
    emit_report(o, {{"a->b", &a_sender, &b_sink}, {"b->a", &b_sender, &a_sink}}, out, err);
    print_port_counters("A", side_a, out);
    print_port_counters("B", side_b, out);
    status = 0;
  }
  return status;
}

}  // namespace rr::rtpgen
