// The egress cache must never change what the worker sends: every row relays a packet through
// forward_media with the cache and, right after, the same packet without it, and the frames
// must be identical; each row first changes one thing the cached headers depend on.
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "relay/packet/bytes.hpp"
#include "relay/packet/frame.hpp"
#include "relay/table/forwarding_table.hpp"
#include "relay/worker/forward.hpp"
#include "tests/support/packet_builder.hpp"

namespace rr::worker {
namespace {

using rr::test::Bytes;
using rr::test::ip;
using rr::test::mac;

constexpr size_t kHeadroom = 128;
constexpr uint32_t kMaxAge = 10'000;
const Endpoint kPhoneA{ip("203.0.113.7"), 4000};
const Endpoint kPhoneB{ip("198.18.0.9"), 5000};
const IpAddress kGateway = ip("198.51.100.254");

// Members public: the rows below change them.
class EgressCacheTest : public ::testing::Test {
 public:
  EgressCacheTest() {
    ports_.push_back({0, 0, mac("02:00:00:00:aa:01"), {{ip("192.0.2.1"), 24, ip("192.0.2.254")}}});
    ports_.push_back({1, 0, mac("02:00:00:00:bb:01"), {{ip("198.51.100.1"), 24, kGateway}}});
    neighbours_.learn(kGateway, mac("02:00:00:00:0f:fe"), 0);
    publish(10002);
  }

  void publish(uint16_t egress_source_port) {
    auto entry = std::make_unique<table::ForwardingEntry>();
    entry->key = {0, 10000};
    entry->expected_source = kPhoneA;
    entry->egress = {1, {ip("198.51.100.1"), egress_source_port}, 64, 46, table::latched_of(peer_)};
    entry->state = state_;
    ASSERT_EQ(table_.publish(std::move(entry)), table::PublishError::none);
  }

  // The next RTP packet from phone A, relayed with or without the cache.
  struct Relayed {
    bool ok = false;
    bool resolved = false;
    Bytes frame;
  };
  Relayed relay(bool cached, uint16_t udp_checksum_override = 1) {
    ++sequence_;
    Bytes in = rr::test::FrameBuilder()
                   .eth(mac("02:00:00:00:0f:01"), mac("02:00:00:00:aa:01"))
                   .ipv4(kPhoneA.address, ip("192.0.2.1"))
                   .udp(kPhoneA.port, 10000)
                   .rtp(sequence_, sequence_ * 160U, 0x1000, 0)
                   .payload(160, static_cast<uint8_t>(sequence_))
                   .build();
    if (udp_checksum_override == 0) in[40] = in[41] = 0;  // the sender sent no checksum
    Bytes room(kHeadroom + in.size() + 64);
    std::copy(in.begin(), in.end(), room.begin() + kHeadroom);
    const auto view = packet::parse_frame(std::span(room).subspan(kHeadroom, in.size()));
    EXPECT_TRUE(view.ok());
    ForwardContext context{table_, ports_, neighbours_, cached ? &cache_ : nullptr};
    const auto out = forward_media(context, 0, room, kHeadroom, *view, {now_ms_ * 1000, now_ms_});
    if (!out) return {};
    return {true, out->resolved,
            Bytes(room.begin() + static_cast<std::ptrdiff_t>(out->data_off),
                  room.begin() + static_cast<std::ptrdiff_t>(out->data_off + out->data_len))};
  }

  table::ForwardingTable table_{{{ip("192.0.2.1")}, 10000, 10099, 1}};
  std::vector<PortSetup> ports_;
  NeighbourService service_{1, kMaxAge, 1000};
  Neighbours neighbours_{service_, 0};
  EgressCache cache_{table_.slot_count()};
  std::shared_ptr<table::StreamState> state_ =
      std::make_shared<table::StreamState>(kPhoneA, stats::RtpClock(8000, 1'000'000));
  std::shared_ptr<table::StreamState> peer_ =
      std::make_shared<table::StreamState>(kPhoneB, stats::RtpClock(8000, 1'000'000));
  uint16_t sequence_ = 0;
  uint64_t now_ms_ = 1;
};

struct Row {
  std::string change;
  std::function<void(EgressCacheTest&)> apply;
  size_t field_at;  // a byte of the frame the change must show in (0: none)
};

TEST_F(EgressCacheTest, EveryChangeReachesTheNextPacket) {
  const Bytes first = relay(true).frame;
  ASSERT_FALSE(first.empty());
  const std::vector<Row> rows = {
      {"nothing (a cache hit)", [](EgressCacheTest&) {}, 0},
      {"the peer latches a new endpoint",
       [](EgressCacheTest& t) { t.peer_->latched.store({ip("198.18.0.10"), 5002}); }, 33 /* IP dst */},
      {"the gateway's MAC changes",
       [](EgressCacheTest& t) { t.neighbours_.learn(kGateway, mac("02:00:00:00:0f:ee"), t.now_ms_); }, 5},
      {"the entry is re-published with another source port", [](EgressCacheTest& t) { t.publish(10004); },
       35 /* UDP source port */},
      {"time passes within the neighbour's age", [](EgressCacheTest& t) { t.now_ms_ += kMaxAge / 2; }, 0},
  };
  Bytes before = first;
  for (const Row& row : rows) {
    SCOPED_TRACE(row.change);
    row.apply(*this);
    const Relayed with = relay(true);
    const Relayed without = relay(false);
    ASSERT_TRUE(with.ok && without.ok);
    EXPECT_TRUE(with.resolved);
    // Same headers up to the UDP checksum, which covers a payload that differs per packet.
    EXPECT_EQ(Bytes(with.frame.begin(), with.frame.begin() + 40), Bytes(without.frame.begin(), without.frame.begin() + 40));
    if (row.field_at) {
      EXPECT_NE(with.frame[row.field_at], before[row.field_at]);
    }
    // And the whole frame is valid: both checksums verify.
    EXPECT_TRUE(packet::parse_frame(with.frame, packet::ParseOptions{true, true}).ok());
    before = with.frame;
  }
}

TEST_F(EgressCacheTest, OnlyAChangeOfItsOwnNextHopRefillsAStreamsTemplate) {
  ASSERT_TRUE(relay(true).ok);
  const EgressCacheSlot& slot = *cache_.slot(table_.slot_index(table::EntryKey{0, 10000}));
  const NeighbourTable::Stamp filled = slot.neighbour();
  // Another on-link host flaps its MAC: this stream's template stays (no refill).
  neighbours_.learn(ip("198.51.100.7"), mac("02:00:00:00:07:01"), now_ms_);
  neighbours_.learn(ip("198.51.100.7"), mac("02:00:00:00:07:02"), now_ms_);
  ASSERT_TRUE(relay(true).ok);
  EXPECT_EQ(slot.neighbour().slot, filled.slot);
  EXPECT_EQ(slot.neighbour().sequence, filled.sequence);
  // Its own gateway changes: refilled at the next packet.
  neighbours_.learn(kGateway, mac("02:00:00:00:0f:ee"), now_ms_);
  ASSERT_TRUE(relay(true).ok);
  EXPECT_NE(slot.neighbour().sequence, filled.sequence);
}

TEST_F(EgressCacheTest, AnExpiredNeighbourIsResolvedAgainNotServedFromTheCache) {
  ASSERT_TRUE(relay(true).resolved);
  now_ms_ += kMaxAge + 1;
  const Relayed late = relay(true);
  ASSERT_TRUE(late.ok);
  EXPECT_FALSE(late.resolved);  // held and solicited, as without a cache
}

TEST_F(EgressCacheTest, ASenderWithoutChecksumGetsOneSummedOverThePayload) {
  ASSERT_TRUE(relay(true, 0).ok);  // fills the cache
  const Relayed hit = relay(true, 0);
  ASSERT_TRUE(hit.ok);
  EXPECT_NE(packet::load_be16(&hit.frame[40]), 0);
  EXPECT_TRUE(packet::parse_frame(hit.frame, packet::ParseOptions{true, true}).ok());
}

}  // namespace
}  // namespace rr::worker
