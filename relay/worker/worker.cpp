#include "relay/worker/worker.hpp"

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_prefetch.h>

#include "relay/packet/frame.hpp"
#include "relay/worker/forward.hpp"
#include "relay/worker/local_replies.hpp"
#include "relay/worker/vlan_filter.hpp"

namespace rr::worker {

using packet::DropReason;

Worker::Worker(const WorkerConfig& config)
    : index_(config.index),
      table_(*config.table),
      pool_(config.pool),
      ticks_per_ms_(((config.tsc_hz != 0 ? config.tsc_hz : rte_get_tsc_hz()) + 999) / 1000),
      port_count_(static_cast<uint8_t>(config.ports.size())),
      own_neighbours_(config.neighbours ? nullptr
                                        : std::make_unique<NeighbourService>(
                                              1, config.neighbour_max_age_ms, config.neighbour_retry_ms)),
      // A private service has one participant: this worker, as its writer.
      neighbours_(config.neighbours ? *config.neighbours : *own_neighbours_,
                  config.neighbours ? config.index : 0),
      egress_cache_(table_.slot_count()) {
  for (uint8_t i = 0; i < port_count_; ++i) {
    port_setups_[i] = config.ports[i];
    tx_[i].bind(config.ports[i].port_id, config.ports[i].queue);
  }
}

Worker::~Worker() {
  held_.drain([](HeldPacket& held) {
    rte_pktmbuf_free(held.mbuf);
    return true;
  });
  for (uint8_t i = 0; i < port_count_; ++i) tx_[i].discard();
}

int Worker::run() noexcept {
  table::Qsbr& qsbr = table_.qsbr();
  qsbr.online(index_);
  while (!stop_.load(std::memory_order_relaxed)) poll_once();
  qsbr.offline(index_);
  return 0;
}

BurstClock Worker::now() const noexcept {
  const uint64_t ticks = rte_rdtsc();
  return {ticks, ticks / ticks_per_ms_};  // one division per burst, not per packet
}

uint16_t Worker::poll_once() noexcept {
  std::array<rte_mbuf*, kBurst> frames;
  uint16_t received = 0;
  BurstClock clock{};
  for (uint8_t p = 0; p < port_count_; ++p) {
    const PortSetup& setup = port_setups_[p];
    const uint16_t count = rte_eth_rx_burst(setup.port_id, setup.queue, frames.data(), kBurst);
    if (count == 0) continue;
    clock = now();
    received = static_cast<uint16_t>(received + count);
    process_burst(p, frames.data(), count, clock);
  }
  if (neighbours_.writer() || !held_.empty()) {
    if (!received) clock = now();
    if (neighbours_.writer()) serve_neighbour_requests(clock.ms);
    if (!held_.empty()) release_held(clock);
  }
  for (uint8_t p = 0; p < port_count_; ++p) tx_[p].flush(counters_);
  counters_.add(received ? Counter::busy_polls : Counter::idle_polls);
  // No entry pointer survives this point: every lookup above is finished.
  table_.qsbr().quiescent(index_);
  return received;
}

void Worker::process_burst(uint8_t port_index, rte_mbuf** frames, uint16_t count,
                           const BurstClock& clock) noexcept {
  counters_.add(Counter::rx_packets, count);
  auto& [verdicts, parsed, media, media_at] = scratch_;
  uint16_t media_count = 0;
  // First pass, a: parse; ARP/ND/ping are answered at once, so an ARP reply resolves the
  // media of its own burst.
  for (uint16_t i = 0; i < count; ++i) {
    if (i + 1 < count) rte_prefetch0(rte_pktmbuf_mtod(frames[i + 1], void*));
    rte_mbuf* mbuf = frames[i];
    const auto& view = *::new (&parsed[i].result) packet::Result<packet::FrameView>(parse(mbuf));
    if (!view) {
      verdicts[i] = drop(view.drop());
    } else if (!vlan_accepts(port_setups_[port_index], *view)) {
      verdicts[i] = drop(DropReason::wrong_vlan);
    } else if (view->kind != packet::FrameKind::udp) {
      verdicts[i] = answer(port_index, mbuf, *view, clock);
    } else {
      MediaFrame& frame = media[media_count];
      frame.room = {static_cast<uint8_t*>(mbuf->buf_addr), mbuf->buf_len};
      frame.data_off = mbuf->data_off;
      frame.view = &*view;
      media_at[media_count++] = i;
    }
  }
  // b: the media path over all of them at once, so table misses overlap (forward_burst).
  ForwardContext context{table_, {port_setups_.data(), port_count_}, neighbours_, &egress_cache_};
  forward_burst(context, port_index, std::span(media.data(), media_count), clock);
  for (uint16_t k = 0; k < media_count; ++k)
    finish_media(frames[media_at[k]], media[k], clock, verdicts[media_at[k]]);
  // Second pass: act on the verdicts, transmit grouped per port.
  for (uint16_t i = 0; i < count; ++i) {
    switch (verdicts[i].action) {
      case Action::send: tx_[verdicts[i].port_index].push(frames[i], counters_); break;
      case Action::drop:
        counters_.drop(verdicts[i].reason);
        rte_pktmbuf_free(frames[i]);
        break;
      case Action::absorbed: rte_pktmbuf_free(frames[i]); break;
      case Action::held: break;  // owned by the hold queue now
    }
  }
}

packet::Result<packet::FrameView> Worker::parse(const rte_mbuf* mbuf) noexcept {
  // Relay MTU frames fit one segment of the default data room; anything chained is not media.
  if (mbuf->nb_segs != 1) return DropReason::unhandled;
  packet::ParseOptions options;
  options.verify_ipv4_checksum =
      (mbuf->ol_flags & RTE_MBUF_F_RX_IP_CKSUM_MASK) != RTE_MBUF_F_RX_IP_CKSUM_GOOD;
  const std::span<const uint8_t> data(rte_pktmbuf_mtod(mbuf, const uint8_t*), mbuf->data_len);
  return packet::parse_frame(data, options);
}

Worker::Verdict Worker::answer(uint8_t port_index, rte_mbuf* mbuf, const packet::FrameView& view,
                               const BurstClock& clock) noexcept {
  const std::span<uint8_t> frame(rte_pktmbuf_mtod(mbuf, uint8_t*),
                                 size_t{mbuf->data_len} + rte_pktmbuf_tailroom(mbuf));
  const auto reply = answer_locally(frame, view, port_setups_[port_index], neighbours_, clock.ms);
  if (!reply) return drop(reply.drop());
  if (reply->size == 0) return {Action::absorbed};
  mbuf->data_len = static_cast<uint16_t>(reply->size);
  mbuf->pkt_len = static_cast<uint32_t>(reply->size);
  mbuf->ol_flags = 0;
  counters_.add(reply->counter);
  return {Action::send, port_index};
}

void Worker::finish_media(rte_mbuf* mbuf, const MediaFrame& frame, const BurstClock& clock,
                          Verdict& verdict) noexcept {
  if (!frame.ok) {
    verdict = drop(frame.drop);
    return;
  }
  const Forwarded* out = &frame.forwarded;
  mbuf->data_off = static_cast<uint16_t>(out->data_off);
  mbuf->data_len = static_cast<uint16_t>(out->data_len);
  mbuf->pkt_len = static_cast<uint32_t>(out->data_len);
  mbuf->ol_flags = 0;
  const PortSetup& setup = port_setups_[out->port_index];
  if (setup.tx_udp_checksum || setup.tx_ipv4_checksum) {
    mbuf->l2_len = out->l2_len;
    mbuf->l3_len = static_cast<uint16_t>(out->ip_header_size());
    mbuf->ol_flags = out->v4 ? RTE_MBUF_F_TX_IPV4 : RTE_MBUF_F_TX_IPV6;
    if (setup.tx_udp_checksum) mbuf->ol_flags |= RTE_MBUF_F_TX_UDP_CKSUM;
    if (out->v4 && setup.tx_ipv4_checksum) mbuf->ol_flags |= RTE_MBUF_F_TX_IP_CKSUM;
  }
  counters_.add(out->rtcp ? Counter::rtcp_packets : Counter::rtp_packets);
  if (out->resolved) {
    verdict.action = Action::send;
    verdict.port_index = out->port_index;
    return;
  }

  solicit(out->port_index, out->next_hop, clock.ms);
  if (!held_.push({mbuf, out->port_index, out->next_hop, clock.ms})) {
    verdict = drop(DropReason::no_neighbour);
    return;
  }
  counters_.add(Counter::held_packets);
  verdict.action = Action::held;
}

}  // namespace rr::worker
