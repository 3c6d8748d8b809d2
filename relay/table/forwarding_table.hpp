// (local address, local port) -> forwarding entry. The data plane's only lookup.
//
// Layout: one direct-indexed array of atomic entry pointers per local address over the
// relay port range (small and dense: 500 ports is 4 KB per address), so a lookup is one
// bounds check and one acquire load — no hashing, no locks.
//
// Threads: any number of workers call the data-plane methods; exactly ONE control thread
// calls the control methods (they are not synchronised with each other).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "relay/packet/address.hpp"
#include "relay/table/forwarding_entry.hpp"
#include "relay/table/hot_memory.hpp"
#include "relay/table/qsbr.hpp"

namespace rr::table {

struct TableConfig {
  std::vector<IpAddress> local_addresses;  // index = EntryKey::address_index; at most 255
  uint16_t port_min = 10000;
  uint16_t port_max = 10499;  // inclusive, like rtpengine's port-max
  unsigned workers = 1;       // QSBR participants
};

// rtcp_egress_not_mux: an RTCP egress on an entry whose port carries no muxed RTCP.
enum class PublishError : uint8_t {
  none,
  bad_address_index,
  port_out_of_range,
  no_state,
  no_destination,
  rtcp_egress_not_mux
};

class ForwardingTable {
 public:
  // Precondition: config validated by the daemon (non-empty addresses, port_min <= port_max).
  explicit ForwardingTable(TableConfig config);
  ~ForwardingTable();  // frees every published and retired entry: call after workers stopped
  ForwardingTable(const ForwardingTable&) = delete;
  ForwardingTable& operator=(const ForwardingTable&) = delete;

  // ---- data plane (workers) ----
  // Index of one of our local addresses, or -1. Linear scan: a relay has a handful. Inline:
  // it runs per packet (as an out-of-line call with a memcmp per address it was 52 of ~1170
  // instructions per packet, callgrind, worker_bench at 1 stream).
  int address_index(const IpAddress& address) const noexcept {
    for (size_t i = 0; i < address_count_; ++i)
      if (config_.local_addresses[i] == address) return static_cast<int>(i);
    return -1;
  }
  // The published entry or nullptr. Valid until the caller's next qsbr().quiescent().
  const ForwardingEntry* lookup(uint8_t address_index, uint16_t port) const noexcept {
    return entry_at(slot_of(address_index, port));
  }
  Qsbr& qsbr() noexcept { return qsbr_; }
  // Dense index of a (local address, port) slot, in [0, slot_count()), or kNoSlot out of
  // range: a worker finds it once per packet and then reads the slot and its per-slot
  // arrays (its egress cache) by it.
  static constexpr size_t kNoSlot = SIZE_MAX;
  size_t slot_count() const noexcept { return address_count_ * ports_; }
  size_t slot_index(EntryKey key) const noexcept { return slot_of(key.address_index, key.port); }
  size_t slot_index(uint8_t address_index, uint16_t port) const noexcept { return slot_of(address_index, port); }
  // A received packet's destination: kNoSlot also when `local_address` is not one of ours.
  size_t slot_index(const IpAddress& local_address, uint16_t port) const noexcept {
    const int address = address_index(local_address);
    return address < 0 ? kNoSlot : slot_of(static_cast<uint8_t>(address), port);
  }
  // lookup() by slot index: the published entry or nullptr (also for kNoSlot).
  const ForwardingEntry* entry_at(size_t slot) const noexcept {
    return slot == kNoSlot ? nullptr : slots_[slot].load(std::memory_order_acquire);
  }
  // What entry_at() would read, for prefetching a burst's slots ahead; nullptr for kNoSlot.
  const void* slot_address(size_t slot) const noexcept {
    return slot == kNoSlot ? nullptr : &slots_[slot];
  }

  // ---- control plane (one thread) ----
  // Publishes a complete entry at its key with a release store; an entry already there is
  // retired (replace = re-offer / re-INVITE).
  PublishError publish(std::unique_ptr<ForwardingEntry> entry);
  // Clears the slot and queues the entry for freeing after a grace period. False if empty.
  bool retire(EntryKey key);
  // Frees retired entries whose grace period has ended; never blocks. Returns how many.
  size_t reclaim();
  // Waits for every retired entry's grace period and frees them (shutdown, tests).
  void synchronize();
  size_t retired_pending() const noexcept { return retired_.size(); }

  const TableConfig& config() const noexcept { return config_; }

 private:
  size_t slot_of(uint8_t address_index, uint16_t port) const noexcept {
    if (address_index >= address_count_ || port < config_.port_min || port > config_.port_max)
      return kNoSlot;
    return size_t{address_index} * ports_ + (port - config_.port_min);
  }

  struct Retired {
    uint64_t token;
    const ForwardingEntry* entry;
  };

  TableConfig config_;
  // config_.local_addresses.size(), kept: a vector of 17-byte addresses divides to find it,
  // and slot_of and address_index ran that per packet (callgrind).
  size_t address_count_;
  size_t ports_;
  HugeArray<std::atomic<const ForwardingEntry*>> slots_;  // read per packet: huge pages
  std::vector<Retired> retired_;  // in token order: control retires one at a time
  uint64_t published_ = 0;        // HotPointers::generation of the last entry published
  Qsbr qsbr_;
};

}  // namespace rr::table
