#include "relay/worker/neighbour_service.hpp"

namespace rr::worker {

NeighbourService::NeighbourService(unsigned workers, uint32_t max_age_ms, uint32_t retry_ms)
    : workers_(workers == 0 ? 1 : workers),
      table_(max_age_ms, retry_ms),
      rings_(std::make_unique<Ring[]>(workers_)) {}

Neighbours::Neighbours(NeighbourService& service, unsigned worker) noexcept
    : service_(service), table_(service.table()), worker_(worker) {}

bool Neighbours::recently_sent(NeighbourRequest::Kind kind, const IpAddress& ip, uint64_t now_ms) noexcept {
  Recent& r = recent_[static_cast<size_t>(kind)][NeighbourTable::hash(ip) & (kRecent - 1)];
  if (r.used && r.ip == ip && now_ms - r.sent_ms < table_.retry_ms()) return true;
  r = {ip, now_ms, true};
  return false;
}

void Neighbours::send(const NeighbourRequest& request) noexcept {
  // Full ring: worker 0 is far behind; dropping is safe, the need comes back next interval.
  (void)service_.outbox(worker_).push(request);
}

void Neighbours::learn_mapping(const IpAddress& ip, const packet::MacAddress& mac, uint64_t now_ms) noexcept {
  if (writer()) {
    table_.learn(ip, mac, now_ms);
    return;
  }
  // Half the maximum age: the mapping is refreshed long before readers drop it.
  if (!table_.needs_refresh(ip, mac, now_ms, table_.max_age_ms() / 2)) return;
  if (recently_sent(NeighbourRequest::Kind::learned, ip, now_ms)) return;
  send({NeighbourRequest::Kind::learned, 0, ip, mac});
}

bool Neighbours::should_solicit(uint16_t port_id, const IpAddress& ip, uint64_t now_ms) noexcept {
  if (writer()) return table_.should_solicit(ip, now_ms);
  if (!recently_sent(NeighbourRequest::Kind::resolve, ip, now_ms))
    send({NeighbourRequest::Kind::resolve, port_id, ip, {}});
  return false;
}

}  // namespace rr::worker
