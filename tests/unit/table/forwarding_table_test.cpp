// Publish / lookup / retire, and reclamation racing a reader thread.
#include "relay/table/forwarding_table.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

namespace rr::table {
namespace {

const stats::RtpClock kClock{8000, 1'000'000'000};

TableConfig two_addresses(unsigned workers = 1) {
  return {{IpAddress::v4(192, 0, 2, 1), *IpAddress::parse("2001:db8::1")}, 10000, 10099, workers};
}

// `alive`, if given, is cleared when the entry's state is freed: the reader test's poison.
std::unique_ptr<ForwardingEntry> make_entry(EntryKey key, uint64_t stream_id,
                                            std::atomic<bool>* alive = nullptr) {
  auto entry = std::make_unique<ForwardingEntry>();
  entry->key = key;
  entry->stream_id = stream_id;
  auto* state = new StreamState(Endpoint{IpAddress::v4(198, 51, 100, 7), 4000}, kClock);
  if (alive) alive->store(true);
  entry->state = std::shared_ptr<StreamState>(state, [alive](StreamState* s) {
    if (alive) alive->store(false);
    delete s;
  });
  entry->egress.destination = latched_of(entry->state);  // loopback peer: enough for the table
  return entry;
}

TEST(ForwardingTable, AddressIndexIsPositionInConfig) {
  ForwardingTable table(two_addresses());
  EXPECT_EQ(table.address_index(IpAddress::v4(192, 0, 2, 1)), 0);
  EXPECT_EQ(table.address_index(*IpAddress::parse("2001:db8::1")), 1);
  EXPECT_EQ(table.address_index(IpAddress::v4(192, 0, 2, 2)), -1);
}

// Each row differs from a local address in one part only: first or second 8 bytes, family.
TEST(ForwardingTable, AddressIndexNeedsEveryWordAndTheFamily) {
  ForwardingTable table({{IpAddress::v4(192, 0, 2, 1), *IpAddress::parse("2001:db8::1"),
                          *IpAddress::parse("2001:db8::2")},
                         10000, 10099, 1});
  struct Row {
    const char* address;
    int index;
  };
  const Row rows[] = {
      {"192.0.2.1", 0},
      {"2001:db8::1", 1},
      {"2001:db8::2", 2},            // same first word as index 1
      {"2001:db8::3", -1},           // differs in the second word only
      {"2001:db9::1", -1},           // differs in the first word only
      {"c000:201::", -1},            // 192.0.2.1's bytes, but IPv6
      {"192.0.2.2", -1},
  };
  for (const Row& row : rows) EXPECT_EQ(table.address_index(*IpAddress::parse(row.address)), row.index) << row.address;
}

TEST(ForwardingTable, PublishValidatesTheKey) {
  struct Row {
    const char* description;
    EntryKey key;
    bool with_state;
    bool with_destination;
    PublishError expected;
  };
  const Row rows[] = {
      {"first port", {0, 10000}, true, true, PublishError::none},
      {"last port", {1, 10099}, true, true, PublishError::none},
      {"below range", {0, 9999}, true, true, PublishError::port_out_of_range},
      {"above range", {0, 10100}, true, true, PublishError::port_out_of_range},
      {"unknown address", {2, 10000}, true, true, PublishError::bad_address_index},
      {"no state", {0, 10002}, false, true, PublishError::no_state},
      {"no destination", {0, 10003}, true, false, PublishError::no_destination},
  };
  ForwardingTable table(two_addresses());
  for (const Row& row : rows) {
    auto entry = make_entry(row.key, 1);
    if (!row.with_destination) entry->egress.destination.reset();
    if (!row.with_state) entry->state.reset();
    EXPECT_EQ(table.publish(std::move(entry)), row.expected) << row.description;
  }
}

TEST(ForwardingTable, RtcpEgressOnlyOnMuxPortsAndCapturedAtPublish) {
  struct Row {
    const char* description;
    StreamKind kind;
    bool with_rtcp_egress;
    PublishError expected;
  };
  const Row rows[] = {
      {"mux bridged to a non-mux leg", StreamKind::rtp_mux, true, PublishError::none},
      {"mux to a mux leg", StreamKind::rtp_mux, false, PublishError::none},
      {"plain RTP port", StreamKind::rtp, true, PublishError::rtcp_egress_not_mux},
      {"RTCP port", StreamKind::rtcp, true, PublishError::rtcp_egress_not_mux},
  };
  ForwardingTable table(two_addresses());
  uint16_t port = 10020;
  for (const Row& row : rows) {
    auto entry = make_entry({0, port}, 1);
    entry->kind = row.kind;
    auto peer_rtcp =
        std::make_shared<StreamState>(Endpoint{IpAddress::v4(198, 51, 100, 9), 5001}, kClock);
    if (row.with_rtcp_egress) entry->rtcp_egress.destination = latched_of(peer_rtcp);
    ASSERT_EQ(table.publish(std::move(entry)), row.expected) << row.description;
    if (row.expected != PublishError::none) continue;
    const ForwardingEntry* published = table.lookup(0, port++);
    ASSERT_NE(published, nullptr) << row.description;
    const LatchedEndpoint* rtcp_latch = row.with_rtcp_egress ? &peer_rtcp->latched : nullptr;
    EXPECT_EQ(published->hot.rtcp_destination, rtcp_latch) << row.description;
    EXPECT_EQ(&published->destination_for(false), published->hot.destination) << row.description;
    EXPECT_EQ(&published->destination_for(true),
              rtcp_latch ? rtcp_latch : published->hot.destination)
        << row.description;
    EXPECT_EQ(&published->egress_for(true),
              row.with_rtcp_egress ? &published->rtcp_egress : &published->egress)
        << row.description;
  }
}

TEST(ForwardingTable, LookupFindsExactlyThePublishedKey) {
  ForwardingTable table(two_addresses());
  ASSERT_EQ(table.publish(make_entry({1, 10042}, 7)), PublishError::none);
  const ForwardingEntry* found = table.lookup(1, 10042);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->stream_id, 7U);
  EXPECT_EQ(table.lookup(0, 10042), nullptr) << "other address, same port";
  EXPECT_EQ(table.lookup(1, 10043), nullptr);
  EXPECT_EQ(table.lookup(1, 65535), nullptr);
  EXPECT_EQ(table.lookup(200, 10042), nullptr);
}

// The worker's form: one slot index per packet, then the entry and per-slot arrays by it.
TEST(ForwardingTable, SlotIndexIsDenseAndEntryAtReadsTheSlot) {
  ForwardingTable table(two_addresses());
  ASSERT_EQ(table.slot_count(), 200U);
  ASSERT_EQ(table.publish(make_entry({1, 10042}, 7)), PublishError::none);
  const size_t slot = table.slot_index(1, 10042);
  EXPECT_EQ(slot, 100U + 42U) << "address 1's ports follow address 0's 100";
  EXPECT_EQ(table.slot_index(EntryKey{1, 10042}), slot);
  EXPECT_EQ(table.slot_index(*IpAddress::parse("2001:db8::1"), 10042), slot)
      << "a packet's destination";
  EXPECT_EQ(table.slot_index(IpAddress::v4(192, 0, 2, 2), 10042), ForwardingTable::kNoSlot)
      << "not ours";
  EXPECT_EQ(table.entry_at(slot), table.lookup(1, 10042));
  EXPECT_EQ(table.entry_at(table.slot_index(0, 10042)), nullptr);
  EXPECT_EQ(table.slot_index(0, 10000), 0U);
  EXPECT_EQ(table.slot_index(1, 10099), 199U);
  for (const auto& [address, port] :
       {std::pair<uint8_t, uint16_t>{2, 10000}, {0, 9999}, {0, 10100}, {255, 10042}}) {
    EXPECT_EQ(table.slot_index(address, port), ForwardingTable::kNoSlot)
        << int{address} << ":" << port;
  }
  EXPECT_EQ(table.entry_at(ForwardingTable::kNoSlot), nullptr);
  EXPECT_EQ(table.slot_address(ForwardingTable::kNoSlot), nullptr);
  EXPECT_NE(table.slot_address(slot), table.slot_address(slot + 1));
}

TEST(ForwardingTable, ReplaceAndRetireFreeOnlyAfterGrace) {
  std::atomic<bool> first_alive{false}, second_alive{false};
  ForwardingTable table(two_addresses(1));
  table.qsbr().online(0);
  ASSERT_EQ(table.publish(make_entry({0, 10010}, 1, &first_alive)), PublishError::none);
  ASSERT_EQ(table.publish(make_entry({0, 10010}, 2, &second_alive)), PublishError::none);
  EXPECT_EQ(table.lookup(0, 10010)->stream_id, 2U) << "replace publishes the new entry";
  EXPECT_EQ(table.retired_pending(), 1U);
  EXPECT_EQ(table.reclaim(), 0U) << "worker 0 has not been quiescent since";
  EXPECT_TRUE(first_alive);
  table.qsbr().quiescent(0);
  EXPECT_EQ(table.reclaim(), 1U);
  EXPECT_FALSE(first_alive);

  EXPECT_TRUE(table.retire({0, 10010}));
  EXPECT_FALSE(table.retire({0, 10010})) << "already empty";
  EXPECT_EQ(table.lookup(0, 10010), nullptr);
  EXPECT_TRUE(second_alive);
  table.qsbr().offline(0);
  table.synchronize();
  EXPECT_FALSE(second_alive);
  EXPECT_EQ(table.retired_pending(), 0U);
}

// A worker thread looks entries up and reads them as a worker would until its next
// quiescent point, while control replaces and retires them and reclaims as fast as it can.
// Each entry's poison flag drops when its state is freed: seeing it dropped while holding
// the entry means reclamation broke the grace period. ASan would also flag the read.
TEST(ForwardingTable, ConcurrentReaderNeverObservesAFreedEntry) {
  constexpr uint16_t kPorts = 8;
  constexpr uint64_t kRounds = 20000;
  // Declared before the table: the table's destructor frees the last entries and clears flags.
  std::vector<std::unique_ptr<std::atomic<bool>>> alive;
  for (uint64_t i = 0; i < kRounds; ++i) alive.push_back(std::make_unique<std::atomic<bool>>());
  ForwardingTable table(two_addresses(1));

  std::atomic<bool> stop{false};
  std::atomic<uint64_t> violations{0}, hits{0};
  std::thread worker([&] {
    table.qsbr().online(0);
    while (!stop.load(std::memory_order_relaxed)) {
      for (uint16_t p = 0; p < kPorts; ++p) {
        const ForwardingEntry* entry = table.lookup(0, static_cast<uint16_t>(10000 + p));
        if (!entry) continue;
        hits.fetch_add(1, std::memory_order_relaxed);
        std::this_thread::yield();  // widen the window in which control might free it
        if (!alive[entry->stream_id]->load() || entry->key.port != 10000 + p) violations.fetch_add(1);
      }
      table.qsbr().quiescent(0);
    }
    table.qsbr().offline(0);
  });

  for (uint64_t id = 0; id < kRounds; ++id) {
    const EntryKey key{0, static_cast<uint16_t>(10000 + id % kPorts)};
    if (id % 3 == 0) {
      table.retire(key);
    } else {
      ASSERT_EQ(table.publish(make_entry(key, id, alive[id].get())), PublishError::none);
    }
    table.reclaim();
  }
  while (hits.load() < 1000) std::this_thread::yield();
  stop = true;
  worker.join();
  table.synchronize();
  EXPECT_EQ(violations.load(), 0U);
  EXPECT_EQ(table.retired_pending(), 0U);
}

}  // namespace
}  // namespace rr::table
