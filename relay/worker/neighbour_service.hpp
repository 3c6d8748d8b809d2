// Neighbour resolution shared by all workers: ONE NeighbourTable written by worker 0 (the
// worker polling queue 0, where RSS delivers ARP and neighbour advertisements), and one
// request ring per other worker through which that worker asks worker 0 to solicit a next
// hop or passes on a mapping it learned from a frame it received. Worker 0 drains the rings
// once per loop iteration; no worker ever waits for another.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>

#include "relay/packet/address.hpp"
#include "relay/packet/ethernet.hpp"
#include "relay/worker/neighbour_table.hpp"
#include "relay/worker/spsc_ring.hpp"

namespace rr::worker {

struct NeighbourRequest {
  enum class Kind : uint8_t { resolve, learned };
  Kind kind = Kind::resolve;
  uint16_t port_id = 0;      // resolve: the DPDK port to solicit on
  IpAddress ip;
  packet::MacAddress mac;    // learned: the sender's MAC
};

// Created once by the daemon for all its workers (or privately by a lone worker).
class NeighbourService {
 public:
  static constexpr size_t kRingSize = 256;
  using Ring = SpscRing<NeighbourRequest, kRingSize>;

  NeighbourService(unsigned workers, uint32_t max_age_ms, uint32_t retry_ms);

  NeighbourTable& table() noexcept { return table_; }
  unsigned workers() const noexcept { return workers_; }
  // Worker `worker` (>= 1) produces into it, worker 0 consumes.
  Ring& outbox(unsigned worker) noexcept { return rings_[worker]; }

 private:
  unsigned workers_;
  NeighbourTable table_;
  std::unique_ptr<Ring[]> rings_;  // index 0 unused: worker 0 writes the table itself
};

// One worker's handle on the service: reads the shared table, and writes it (worker 0) or
// asks worker 0 (the others). Owned and used by exactly one worker.
class Neighbours {
 public:
  Neighbours(NeighbourService& service, unsigned worker) noexcept;

  bool writer() const noexcept { return worker_ == 0; }
  std::optional<packet::MacAddress> find(const IpAddress& ip, uint64_t now_ms) const noexcept {
    return table_.find(ip, now_ms);
  }
  bool find(const IpAddress& ip, uint64_t now_ms, packet::MacAddress& mac) const noexcept {
    return table_.find(ip, now_ms, mac);
  }
  bool find(const IpAddress& ip, uint64_t now_ms, packet::MacAddress& mac,
            NeighbourTable::Stamp& stamp) const noexcept {
    return table_.find(ip, now_ms, mac, stamp);
  }
  bool holds(const NeighbourTable::Stamp& stamp, uint64_t now_ms) const noexcept {
    return table_.holds(stamp, now_ms);
  }
  // Worker 0 records it; another worker forwards it when it would change the table. Called
  // for every frame from an on-link peer: a repeat of the last mapping within the same
  // millisecond changes nothing and returns at once (a burst mostly comes from one peer, an
  // SBC or a media server; the table probe was 9 % of the worker at 1 stream, perf).
  void learn(const IpAddress& ip, const packet::MacAddress& mac, uint64_t now_ms) noexcept {
    if (now_ms == last_learned_.ms && ip == last_learned_.ip && mac == last_learned_.mac) return;
    last_learned_ = {ip, mac, now_ms};
    learn_mapping(ip, mac, now_ms);
  }
  // True: the caller (worker 0) sends the ARP request / NS now. The others queue a resolve
  // request for worker 0, at most once per retry interval and next hop, and get false.
  bool should_solicit(uint16_t port_id, const IpAddress& ip, uint64_t now_ms) noexcept;

  // Worker 0, once per loop iteration: applies learned mappings and calls
  // solicit(port_id, ip) for each resolve request. Returns how many requests it handled.
  template <class Solicit>
  size_t serve(uint64_t now_ms, Solicit&& solicit) noexcept {
    size_t handled = 0;
    NeighbourRequest request;
    for (unsigned w = 1; w < service_.workers(); ++w) {
      while (service_.outbox(w).pop(request)) {
        ++handled;
        if (request.kind == NeighbourRequest::Kind::learned)
          table_.learn(request.ip, request.mac, now_ms);
        else
          solicit(request.port_id, request.ip);
      }
    }
    return handled;
  }

 private:
  // Direct-mapped memory of recent requests, so a held burst or a chatty peer costs worker 0
  // one request per interval, not one per packet. A collision only costs an extra request.
  struct Recent {
    IpAddress ip;
    uint64_t sent_ms = 0;
    bool used = false;
  };
  static constexpr size_t kRecent = 64;
  bool recently_sent(NeighbourRequest::Kind kind, const IpAddress& ip, uint64_t now_ms) noexcept;
  void send(const NeighbourRequest& request) noexcept;
  void learn_mapping(const IpAddress& ip, const packet::MacAddress& mac, uint64_t now_ms) noexcept;

  NeighbourService& service_;
  NeighbourTable& table_;
  unsigned worker_;
  std::array<std::array<Recent, kRecent>, 2> recent_{};  // per request kind
  struct LastLearned {
    IpAddress ip;
    packet::MacAddress mac;
    uint64_t ms = UINT64_MAX;  // no clock reads this: nothing is skipped before the first learn
  } last_learned_;
};

}  // namespace rr::worker
