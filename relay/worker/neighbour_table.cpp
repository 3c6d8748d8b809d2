#include "relay/worker/neighbour_table.hpp"

namespace rr::worker {

size_t NeighbourTable::hash(const IpAddress& ip) noexcept {
  // FNV-1a over the address bytes: cheap, and the low bits mix well for sequential hosts.
  uint32_t h = 2166136261U;
  for (size_t i = 0; i < ip.size(); ++i) h = (h ^ ip.bytes[i]) * 16777619U;
  return h & (kCapacity - 1);
}

size_t NeighbourTable::find_index(const IpAddress& ip) const noexcept {
  const size_t start = hash(ip);
  for (size_t i = 0; i < kProbe; ++i) {
    const size_t at = (start + i) & (kCapacity - 1);
    if (entries_[at].used && entries_[at].ip == ip) return at;
  }
  return kCapacity;
}

NeighbourTable::Entry& NeighbourTable::slot_for(const IpAddress& ip) noexcept {
  if (const size_t at = find_index(ip); at != kCapacity) return entries_[at];
  const size_t start = hash(ip);
  Entry* victim = &entries_[start];
  for (size_t i = 0; i < kProbe; ++i) {
    Entry& e = entries_[(start + i) & (kCapacity - 1)];
    if (!e.used) { victim = &e; break; }
    if (touched(e) < touched(*victim)) victim = &e;
  }
  *victim = Entry{ip, {}, 0, 0, true, false};
  return *victim;
}

const packet::MacAddress* NeighbourTable::find(const IpAddress& ip, uint64_t now_ms) const noexcept {
  const size_t at = find_index(ip);
  if (at == kCapacity) return nullptr;
  const Entry& e = entries_[at];
  if (!e.resolved || now_ms - e.learned_ms >= max_age_ms_) return nullptr;
  return &e.mac;
}

void NeighbourTable::learn(const IpAddress& ip, const packet::MacAddress& mac, uint64_t now_ms) noexcept {
  Entry& e = slot_for(ip);
  e.mac = mac;
  e.learned_ms = now_ms;
  e.resolved = true;
}

bool NeighbourTable::should_solicit(const IpAddress& ip, uint64_t now_ms) noexcept {
  Entry& e = slot_for(ip);
  if (e.solicited_ms != 0 && now_ms - e.solicited_ms < retry_ms_) return false;
  e.solicited_ms = now_ms == 0 ? 1 : now_ms;  // 0 means "never solicited"
  return true;
}

}  // namespace rr::worker
