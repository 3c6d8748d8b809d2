// The run loop of the socket transport: pump every sender, drain every sink, and sleep in ppoll until the next
// packet is due or a datagram arrives. When the senders are done it keeps draining for a
// grace period so packets still in flight (in the relay) are counted, then returns.
#pragma once

#include <atomic>
#include <cstdint>
#include <span>

#include "tools/rtpgen/sender.hpp"
#include "tools/rtpgen/socket_transport.hpp"

namespace rr::rtpgen {

struct TrafficOptions {
  uint64_t drain_ns = 500'000'000;   // after the last packet is sent
  const std::atomic<bool>* stop = nullptr;  // SIGINT: stop sending, still drain and report
};

void run_traffic(std::span<Sender* const> senders, std::span<SocketReceiver* const> sinks,
                 const TrafficOptions& options);

}  // namespace rr::rtpgen
