#include "tools/rtpgen/dpdk_side.hpp"

#include <rte_ethdev.h>
#include <rte_mbuf.h>

#include <algorithm>
#include <numeric>

#include "tools/rtpgen/clock.hpp"
#include "tools/rtpgen/netns.hpp"
#include "tools/rtpgen/sender.hpp"

namespace rr::rtpgen {

namespace {
constexpr uint16_t kRxBurst = 32;
// More than the sender hands over per turn (4 bursts of 64 per side), so the RX ring, which
// the kernel fills while we send, is emptied on every turn.
constexpr int kRxBurstsPerPoll = 32;
// A full TX ring is the link's back-pressure: retry (the PMD kicks the kernel on each call)
// this many times without progress before the rest of the burst counts as send errors.
constexpr int kTxAttempts = 100000;
}  // namespace

dpdk::Result<std::unique_ptr<DpdkSide>> DpdkSide::open(const DpdkSideConfig& config, rte_mempool* pool) {
  std::string error;
  std::optional<NetnsScope> scope = NetnsScope::enter(config.netns, error);
  if (!scope) return dpdk::Error{dpdk::Errc::port, error};
  dpdk::Result<dpdk::Port> port = dpdk::Port::open(
      {.device = config.device, .queues = 1, .rx_descriptors = kRingSize, .tx_descriptors = kRingSize}, pool);
  if (!port) return port.error();
  return std::unique_ptr<DpdkSide>(new DpdkSide(config.netns, std::move(*port), pool, config));
}

DpdkSide::DpdkSide(std::string netns, dpdk::Port port, rte_mempool* pool, const DpdkSideConfig& config)
    : netns_(std::move(netns)), port_(std::move(port)), pool_(pool),
      link_{port_->mac(), config.peer_mac, config.address}, udp_port_(config.udp_port) {}

DpdkSide::~DpdkSide() {
  std::string error;
  std::optional<NetnsScope> scope = NetnsScope::enter(netns_, error);  // entered at open: cannot fail
  port_.reset();
}

void DpdkSide::set_destinations(const std::vector<Endpoint>& destinations) {
  egress_.clear();
  egress_.reserve(destinations.size());
  for (const Endpoint& to : destinations) egress_.push_back(probe_egress(link_, udp_port_, to));
}

uint64_t DpdkSide::ignored_frames() const { return std::accumulate(ignored_.begin(), ignored_.end(), uint64_t{0}); }

size_t DpdkSide::transmit(std::span<const WirePacket> packets, std::span<const uint32_t> streams) {
  std::array<rte_mbuf*, Sender::kBurst> mbufs{};
  const uint16_t count = static_cast<uint16_t>(std::min({packets.size(), streams.size(), size_t{mbufs.size()}}));
  if (rte_pktmbuf_alloc_bulk(pool_, mbufs.data(), count) != 0) return 0;
  uint16_t built = 0;
  for (uint16_t i = 0; i < count; ++i) {
    rte_mbuf* m = mbufs[i];
    auto* data = rte_pktmbuf_mtod(m, uint8_t*);
    size_t size = streams[i] < egress_.size()
                      ? write_probe_frame({data, rte_pktmbuf_tailroom(m)}, egress_[streams[i]], packets[i].view())
                      : 0;
    if (size == 0) {  // no destination for this stream: a bug upstream, counted as a send error
      rte_pktmbuf_free(m);
      continue;
    }
    m->data_len = static_cast<uint16_t>(size);
    m->pkt_len = static_cast<uint32_t>(size);
    mbufs[built++] = m;
  }
  uint16_t sent = 0;
  for (int idle = 0; sent < built && idle < kTxAttempts;) {
    uint16_t n = rte_eth_tx_burst(port_->id(), 0, mbufs.data() + sent, static_cast<uint16_t>(built - sent));
    sent = static_cast<uint16_t>(sent + n);
    if (n == 0 && idle++ == 0) ++tx_stalls_;
    if (n > 0) idle = 0;
  }
  for (uint16_t i = sent; i < built; ++i) rte_pktmbuf_free(mbufs[i]);
  return sent;
}

size_t DpdkSide::poll(Sink& sink) {
  std::array<rte_mbuf*, kRxBurst> mbufs{};
  size_t total = 0;
  for (int burst = 0; burst < kRxBurstsPerPoll; ++burst) {
    const uint16_t n = rte_eth_rx_burst(port_->id(), 0, mbufs.data(), kRxBurst);
    if (n == 0) break;
    const uint64_t arrival_ns = monotonic_ns();  // one clock read per burst, as recvmmsg
    for (uint16_t i = 0; i < n; ++i) {
      // First segment only: rtpgen's frames are far below one mbuf's data room.
      std::span<uint8_t> frame(rte_pktmbuf_mtod(mbufs[i], uint8_t*), mbufs[i]->data_len);
      ClassifiedFrame c = classify_frame(frame, link_.our_ip);
      if (c.action == FrameAction::datagram) {
        // The payload lies inside our mbuf: SRTP is unprotected in place.
        sink.on_wire(frame.subspan(static_cast<size_t>(c.payload.data() - frame.data()), c.payload.size()), arrival_ns);
      } else if (c.action == FrameAction::answer_arp) {
        answer_arp(c.arp);
      } else if (c.action == FrameAction::answer_nd) {
        answer_nd(c);
      } else {
        ++ignored_[packet::index(c.reason)];
      }
      rte_pktmbuf_free(mbufs[i]);
    }
    total += n;
    if (n < kRxBurst) break;
  }
  return total;
}

template <typename Build>
bool DpdkSide::send_control(Build build) {
  rte_mbuf* m = rte_pktmbuf_alloc(pool_);
  if (m == nullptr) return false;
  auto* data = rte_pktmbuf_mtod(m, uint8_t*);
  packet::Result<size_t> size = build(std::span<uint8_t>(data, rte_pktmbuf_tailroom(m)));
  if (!size) {
    rte_pktmbuf_free(m);
    return false;
  }
  // Ethernet minimum frame: a veth does not pad for us.
  const size_t padded = std::max<size_t>(*size, 60);
  std::fill(data + *size, data + padded, uint8_t{0});
  m->data_len = static_cast<uint16_t>(padded);
  m->pkt_len = static_cast<uint32_t>(padded);
  if (rte_eth_tx_burst(port_->id(), 0, &m, 1) == 1) return true;
  rte_pktmbuf_free(m);
  return false;
}

void DpdkSide::answer_arp(const packet::ArpPacket& request) {
  if (send_control([&](std::span<uint8_t> out) { return packet::build_arp_reply(out, request, link_.our_mac); })) {
    ++arp_answered_;
  }
}

void DpdkSide::answer_nd(const ClassifiedFrame& c) {
  if (send_control([&](std::span<uint8_t> out) {
        return packet::build_neighbour_advertisement(out, c.ns, c.solicitor_ip, c.solicitor_mac, link_.our_mac);
      })) {
    ++nd_answered_;
  }
}

}  // namespace rr::rtpgen
