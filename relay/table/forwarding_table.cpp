#include "relay/table/forwarding_table.hpp"

#include <algorithm>

namespace rr::table {

ForwardingTable::ForwardingTable(TableConfig config)
    : config_(std::move(config)),
      address_count_(config_.local_addresses.size()),
      ports_(size_t{config_.port_max} - config_.port_min + 1),
      slots_(address_count_ * ports_),
      qsbr_(config_.workers) {}

ForwardingTable::~ForwardingTable() {
  for (size_t i = 0; i < slot_count(); ++i) delete slots_[i].load(std::memory_order_relaxed);
  for (const Retired& r : retired_) delete r.entry;
}

PublishError ForwardingTable::publish(std::unique_ptr<ForwardingEntry> entry) {
  if (!entry->state) return PublishError::no_state;
  if (!entry->egress.destination) return PublishError::no_destination;
  if (entry->rtcp_egress.destination && !entry->carries_rtcp_mux())
    return PublishError::rtcp_egress_not_mux;
  if (entry->key.address_index >= config_.local_addresses.size())
    return PublishError::bad_address_index;
  const size_t slot = slot_of(entry->key.address_index, entry->key.port);
  if (slot == kNoSlot) return PublishError::port_out_of_range;
  entry->hot = {entry->state.get(), entry->egress.destination.get(), entry->srtp.unprotect.get(),
                entry->srtp.protect.get(), entry->rtcp_egress.destination.get(), ++published_};
  // Release: a worker that loads the pointer sees the fully built entry.
  const ForwardingEntry* old = slots_[slot].exchange(entry.release(), std::memory_order_acq_rel);
  if (old) retired_.push_back({qsbr_.start(), old});
  return PublishError::none;
}

bool ForwardingTable::retire(EntryKey key) {
  const size_t slot = slot_of(key.address_index, key.port);
  if (slot == kNoSlot) return false;
  const ForwardingEntry* old = slots_[slot].exchange(nullptr, std::memory_order_acq_rel);
  if (!old) return false;
  retired_.push_back({qsbr_.start(), old});
  return true;
}

size_t ForwardingTable::reclaim() {
  // Tokens grow along the vector, so the expired ones form a prefix.
  const auto first_live = std::find_if(retired_.begin(), retired_.end(),
                                       [this](const Retired& r) { return !qsbr_.check(r.token); });
  const size_t freed = static_cast<size_t>(first_live - retired_.begin());
  for (auto it = retired_.begin(); it != first_live; ++it) delete it->entry;
  retired_.erase(retired_.begin(), first_live);
  return freed;
}

void ForwardingTable::synchronize() {
  if (retired_.empty()) return;
  qsbr_.wait(retired_.back().token);
  reclaim();
}

}  // namespace rr::table
