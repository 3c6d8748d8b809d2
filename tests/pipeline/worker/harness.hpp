// A relay with two ring ports and one worker, driven from the test thread:
//   phone A 192.0.2.10 -- port a (relay 192.0.2.1/24) | port b (relay 198.51.100.1/24,
//   2001:db8:b::1/64, gateway 198.51.100.254) -- phone B 198.51.100.20 / 2001:db8:b::20
// The test thread is the worker's lcore: it calls poll() instead of run().
#pragma once

#include <gtest/gtest.h>
#include <rte_cycles.h>

#include <memory>
#include <optional>
#include <vector>

#include "relay/dpdk/mempool.hpp"
#include "relay/dpdk/ring_port.hpp"
#include "relay/table/forwarding_table.hpp"
#include "relay/worker/worker.hpp"
#include "tests/pipeline/dpdk/test_eal.hpp"
#include "tests/support/packet_builder.hpp"

namespace rr::worker::test {

using rr::test::Bytes;
using rr::test::FrameBuilder;
using rr::test::ip;
using rr::test::mac;
using packet::DropReason;
using table::StreamKind;

inline const packet::MacAddress kRelayMacA = mac("02:00:00:00:aa:01");
inline const packet::MacAddress kRelayMacB = mac("02:00:00:00:bb:01");
inline const packet::MacAddress kPhoneMacA = mac("02:00:00:00:0a:0a");
inline const packet::MacAddress kPhoneMacB = mac("02:00:00:00:0b:0b");
inline const packet::MacAddress kGatewayMacB = mac("02:00:00:00:0b:fe");
inline const IpAddress kRelayA = ip("192.0.2.1");
inline const IpAddress kRelayB = ip("198.51.100.1");
inline const IpAddress kRelayB6 = ip("2001:db8:b::1");
inline const IpAddress kPhoneA = ip("192.0.2.10");
inline const IpAddress kPhoneB = ip("198.51.100.20");
inline const IpAddress kPhoneB6 = ip("2001:db8:b::20");
inline const IpAddress kGatewayB = ip("198.51.100.254");
constexpr uint8_t kTos = 46 << 2;  // DSCP EF as the relay writes it

// One media: A talks to the relay at `port_a`, B at `port_b`; one entry per direction.
struct MediaSpec {
  uint16_t port_a = 10000;
  uint16_t port_b = 10002;
  Endpoint a_sdp{kPhoneA, 4000};
  Endpoint b_sdp{kPhoneB, 5000};
  IpAddress relay_b = kRelayB;  // the family of B's leg
  StreamKind kind = StreamKind::rtp;
  table::LearningConfig learning;
  table::SrtpTransforms a_srtp;  // applied to what A sends (unprotect) / what goes to B (protect)
  table::SrtpTransforms b_srtp;
};

struct Media {
  std::shared_ptr<table::StreamState> from_a, from_b;
};

class WorkerPipeline : public ::testing::Test {
 protected:
  void SetUp() override {
    auto eal = dpdk::test::start_eal();
    ASSERT_TRUE(eal.ok()) << eal.error().message;
    eal_.emplace(std::move(*eal));
    auto pool = dpdk::Mempool::create("worker_pool", 1023, 0);
    ASSERT_TRUE(pool.ok()) << pool.error().message;
    pool_.emplace(std::move(*pool));
    auto a = dpdk::RingPort::create("wa", *pool_, queues_);
    auto b = dpdk::RingPort::create("wb", *pool_, queues_);
    ASSERT_TRUE(a.ok() && b.ok());
    port_a_.emplace(std::move(*a));
    port_b_.emplace(std::move(*b));
    table_.emplace(table::TableConfig{{kRelayA, kRelayB, kRelayB6}, 10000, 10099, queues_});
  }

  void TearDown() override {
    if (worker_) table_->qsbr().offline(0);
    worker_.reset();
    if (port_a_ && port_b_) {
      for (uint16_t q = 0; q < queues_; ++q) {
        port_a_->collect(q);
        port_b_->collect(q);
      }
    }
    table_.reset();  // frees every entry before the EAL goes
    if (pool_) {
      EXPECT_EQ(pool_->free_count(), pool_->size()) << "mbuf leak";
    }
  }

  // Worker `index` polls queue `index` of both ports, on the VLANs vlan_a_ / vlan_b_ say.
  WorkerConfig worker_config(unsigned index) {
    WorkerConfig config;
    config.index = index;
    config.table = &*table_;
    config.pool = pool_->get();
    const auto queue = static_cast<uint16_t>(index);
    PortSetup a{port_a_->id(), queue, kRelayMacA, {{kRelayA, 24, {}}}};
    PortSetup b{port_b_->id(), queue, kRelayMacB, {{kRelayB, 24, kGatewayB}, {kRelayB6, 64, {}}}};
    a.has_vlan = vlan_a_.has_value();
    a.vlan_tci = vlan_a_.value_or(0);
    b.has_vlan = vlan_b_.has_value();
    b.vlan_tci = vlan_b_.value_or(0);
    config.ports.push_back(a);
    config.ports.push_back(b);
    return config;
  }

  // vlan_on_b: port B is a trunk port on VLAN 100 (vlan_b_), as in most VLAN tests.
  void start_worker(bool vlan_on_b = false) {
    if (vlan_on_b) vlan_b_ = kVlanB;
    worker_ = std::make_unique<Worker>(worker_config(0));
    table_->qsbr().online(0);
  }

  Media publish(const MediaSpec& spec) {
    const stats::RtpClock clock(8000, rte_get_tsc_hz());
    Media media{std::make_shared<table::StreamState>(spec.a_sdp, clock),
                std::make_shared<table::StreamState>(spec.b_sdp, clock)};
    const auto b_index = static_cast<uint8_t>(table_->address_index(spec.relay_b));
    auto from_a = std::make_unique<table::ForwardingEntry>();
    from_a->key = {0, spec.port_a};
    from_a->kind = spec.kind;
    from_a->learning = spec.learning;
    from_a->expected_source = spec.a_sdp;
    from_a->egress = {port_b_->id(), {spec.relay_b, spec.port_b}, 64, 46, table::latched_of(media.from_b)};
    from_a->state = media.from_a;
    from_a->srtp = spec.a_srtp;
    auto from_b = std::make_unique<table::ForwardingEntry>();
    from_b->key = {b_index, spec.port_b};
    from_b->kind = spec.kind;
    from_b->learning = spec.learning;
    from_b->expected_source = spec.b_sdp;
    from_b->egress = {port_a_->id(), {kRelayA, spec.port_a}, 64, 46, table::latched_of(media.from_a)};
    from_b->state = media.from_b;
    from_b->srtp = spec.b_srtp;
    EXPECT_EQ(table_->publish(std::move(from_a)), table::PublishError::none);
    EXPECT_EQ(table_->publish(std::move(from_b)), table::PublishError::none);
    return media;
  }

  // Several iterations: held packets are released in the iteration after their neighbour.
  void poll() {
    for (int i = 0; i < 3; ++i) worker_->poll_once();
  }
  void inject_a(const Bytes& frame, uint16_t queue = 0) { ASSERT_TRUE(port_a_->inject(frame, queue).ok()); }
  void inject_b(const Bytes& frame, uint16_t queue = 0) { ASSERT_TRUE(port_b_->inject(frame, queue).ok()); }
  std::vector<Bytes> out_a(uint16_t queue = 0) { return port_a_->collect(queue); }
  std::vector<Bytes> out_b(uint16_t queue = 0) { return port_b_->collect(queue); }

  // Phones announce themselves with an ARP reply (or NA), so media can go out at once.
  // poll_here = false when the worker runs on its own lcore.
  // On each port's VLAN, if it has one.
  FrameBuilder eth_a() const { return tagged(FrameBuilder().eth(kPhoneMacA, kRelayMacA), vlan_a_); }
  FrameBuilder eth_b() const { return tagged(FrameBuilder().eth(kPhoneMacB, kRelayMacB), vlan_b_); }
  static FrameBuilder tagged(FrameBuilder builder, std::optional<uint16_t> vlan) {
    if (vlan) builder.vlan(*vlan);
    return builder;
  }

  void announce_phones(bool poll_here = true) {
    inject_a(eth_a().arp(2, kPhoneMacA, kPhoneA, kRelayMacA, kRelayA).build());
    inject_b(eth_b().arp(2, kPhoneMacB, kPhoneB, kRelayMacB, kRelayB).build());
    Bytes na_body = {0x60, 0, 0, 0};  // solicited + override
    na_body.insert(na_body.end(), kPhoneB6.bytes.begin(), kPhoneB6.bytes.end());
    na_body.insert(na_body.end(), {2, 1});
    na_body.insert(na_body.end(), kPhoneMacB.bytes.begin(), kPhoneMacB.bytes.end());
    inject_b(eth_b().ipv6(kPhoneB6, kRelayB6).ttl(255).icmp(136, 0, na_body).build());
    if (!poll_here) return;
    poll();
    ASSERT_TRUE(out_a().empty() && out_b().empty());
  }

  uint64_t dropped(DropReason reason) const { return worker_->counters().dropped(reason); }
  uint64_t count(Counter c) const { return worker_->counters().get(c); }

  static constexpr uint16_t kVlanB = 100;
  uint16_t queues_ = 1;  // RX/TX queues per port = workers; set in a derived constructor
  std::optional<uint16_t> vlan_a_, vlan_b_;  // the ports' VLAN IDs; none = untagged
  std::optional<dpdk::Eal> eal_;
  std::optional<dpdk::Mempool> pool_;
  std::optional<dpdk::RingPort> port_a_, port_b_;
  std::optional<table::ForwardingTable> table_;
  std::unique_ptr<Worker> worker_;
};

// An RTP packet as phone A (or anyone) sends it; `payload_fill` marks it in the output.
inline FrameBuilder rtp_from(const packet::MacAddress& src_mac, const packet::MacAddress& dst_mac,
                             const Endpoint& src, const Endpoint& dst, uint16_t seq,
                             uint8_t payload_fill = 0xd5) {
  FrameBuilder builder;
  builder.eth(src_mac, dst_mac);
  if (src.address.is_v4()) builder.ipv4(src.address, dst.address); else builder.ipv6(src.address, dst.address);
  builder.udp(src.port, dst.port).rtp(seq, seq * 160U, 0x11223344, 0).payload(160, payload_fill);
  return builder;
}

// The frame the relay must send: fresh headers around the unchanged UDP payload.
inline Bytes relayed(const packet::MacAddress& src_mac, const packet::MacAddress& dst_mac,
                     const Endpoint& src, const Endpoint& dst, const Bytes& udp_payload,
                     std::optional<uint16_t> vlan = std::nullopt) {
  FrameBuilder builder;
  builder.eth(src_mac, dst_mac).tos(kTos).ttl(64);
  if (vlan) builder.vlan(*vlan);
  if (src.address.is_v4()) builder.ipv4(src.address, dst.address); else builder.ipv6(src.address, dst.address);
  return builder.udp(src.port, dst.port).payload(udp_payload).build();
}

}  // namespace rr::worker::test
