#include "relay/worker/neighbour_table.hpp"

#include <cstring>

namespace rr::worker {
namespace {

constexpr uint64_t kUsed = 1;
constexpr uint64_t kResolved = 2;

// Word 2: family (8 bits) | flags (8 bits) | MAC (48 bits).
uint64_t pack_meta(Family family, uint64_t flags, const packet::MacAddress& mac) noexcept {
  uint64_t mac_bits = 0;
  std::memcpy(&mac_bits, mac.bytes.data(), mac.bytes.size());
  return static_cast<uint64_t>(family) | (flags << 8) | (mac_bits << 16);
}

packet::MacAddress unpack_mac(uint64_t meta) noexcept {
  packet::MacAddress mac;
  const uint64_t mac_bits = meta >> 16;
  std::memcpy(mac.bytes.data(), &mac_bits, mac.bytes.size());
  return mac;
}

uint64_t age(uint64_t learned_ms, uint64_t now_ms) noexcept {
  return now_ms > learned_ms ? now_ms - learned_ms : 0;
}

uint64_t touched(uint64_t learned_ms, uint64_t solicited_ms) noexcept {
  return learned_ms > solicited_ms ? learned_ms : solicited_ms;
}

}  // namespace

NeighbourTable::NeighbourTable(uint32_t max_age_ms, uint32_t retry_ms)
    : max_age_ms_(max_age_ms),
      retry_ms_(retry_ms),
      published_(std::make_unique<Published[]>(kCapacity)),
      private_(std::make_unique<Private[]>(kCapacity)) {}

size_t NeighbourTable::hash(const IpAddress& ip) noexcept {
  // FNV-1a over the address bytes: cheap, and the low bits mix well for sequential hosts.
  uint32_t h = 2166136261U;
  for (size_t i = 0; i < ip.size(); ++i) h = (h ^ ip.bytes[i]) * 16777619U;
  return h & (kCapacity - 1);
}

bool NeighbourTable::read(const IpAddress& ip, Words& words) const noexcept {
  Stamp stamp;
  return read(ip, words, stamp);
}

bool NeighbourTable::read(const IpAddress& ip, Words& words, Stamp& stamp) const noexcept {
  uint64_t key0 = 0, key1 = 0;
  std::memcpy(&key0, ip.bytes.data(), 8);
  // IPv4 leaves bytes 4..15 zero (address.hpp). Not loading them also avoids a load that
  // straddles the two stores of a just-copied IpAddress (a store-forwarding stall).
  if (!ip.is_v4()) std::memcpy(&key1, ip.bytes.data() + 8, 8);
  const size_t start = hash(ip);
  for (size_t i = 0; i < kProbe; ++i) {
    stamp.slot = static_cast<uint32_t>((start + i) & (kCapacity - 1));
    stamp.sequence = published_[stamp.slot].words.load_stamped(words);
    // Slots are never emptied, so an unused slot ends the probe: `ip` would sit before it.
    if (!((words[2] >> 8) & kUsed)) return false;
    if (words[0] == key0 && words[1] == key1 && (words[2] & 0xff) == static_cast<uint64_t>(ip.family))
      return true;
  }
  return false;
}

// Both answer from the raw words: no intermediate struct, whose byte-wise copies stalled on
// store forwarding (measured: find was 17 % of a 1-stream packet).
bool NeighbourTable::find(const IpAddress& ip, uint64_t now_ms, packet::MacAddress& mac) const noexcept {
  Stamp stamp;
  return find(ip, now_ms, mac, stamp);
}

bool NeighbourTable::find(const IpAddress& ip, uint64_t now_ms, packet::MacAddress& mac,
                          Stamp& stamp) const noexcept {
  Words words;
  if (!read(ip, words, stamp) || !((words[2] >> 8) & kResolved) || age(words[kLearnedWord], now_ms) >= max_age_ms_)
    return false;
  const uint64_t mac_bits = words[2] >> 16;
  std::memcpy(mac.bytes.data(), &mac_bits, mac.bytes.size());
  return true;
}

bool NeighbourTable::needs_refresh(const IpAddress& ip, const packet::MacAddress& mac, uint64_t now_ms,
                                   uint64_t refresh_ms) const noexcept {
  Words words;
  if (!read(ip, words) || !((words[2] >> 8) & kResolved)) return true;
  return unpack_mac(words[2]) != mac || age(words[kLearnedWord], now_ms) >= refresh_ms;
}

size_t NeighbourTable::slot_for(const IpAddress& ip) noexcept {
  const size_t start = hash(ip);
  size_t victim = start;
  for (size_t i = 0; i < kProbe; ++i) {
    const size_t at = (start + i) & (kCapacity - 1);
    const Private& e = private_[at];
    if (e.used && e.ip == ip) return at;
    if (!e.used) {
      victim = at;
      break;
    }
    const Private& v = private_[victim];
    if (touched(e.learned_ms, e.solicited_ms) < touched(v.learned_ms, v.solicited_ms)) victim = at;
  }
  private_[victim] = Private{ip, 0, 0, true};
  publish(victim, false, {});
  return victim;
}

void NeighbourTable::publish(size_t at, bool resolved, const packet::MacAddress& mac) noexcept {
  const Private& e = private_[at];
  Words words{};
  std::memcpy(&words[0], e.ip.bytes.data(), 8);
  std::memcpy(&words[1], e.ip.bytes.data() + 8, 8);
  words[2] = pack_meta(e.ip.family, kUsed | (resolved ? kResolved : 0), mac);
  words[kLearnedWord] = e.learned_ms;
  published_[at].words.store(words);
}

void NeighbourTable::learn(const IpAddress& ip, const packet::MacAddress& mac, uint64_t now_ms) noexcept {
  if (!needs_refresh(ip, mac, now_ms, kRefreshMs)) return;  // keep readers' cache lines valid
  const size_t at = slot_for(ip);
  private_[at].learned_ms = now_ms;
  publish(at, true, mac);
}

bool NeighbourTable::should_solicit(const IpAddress& ip, uint64_t now_ms) noexcept {
  Private& e = private_[slot_for(ip)];
  if (e.solicited_ms != 0 && now_ms - e.solicited_ms < retry_ms_) return false;
  e.solicited_ms = now_ms == 0 ? 1 : now_ms;  // 0 means "never solicited"
  return true;
}

}  // namespace rr::worker
