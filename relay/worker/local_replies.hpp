// Frames addressed to the relay itself: ARP, IPv6 neighbour discovery and ping. Answered
// in place in the received buffer (no allocation); what they teach about neighbours is
// passed to the worker's Neighbours (worker 0 records it, the others forward it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "relay/packet/frame.hpp"
#include "relay/packet/result.hpp"
#include "relay/worker/neighbour_service.hpp"
#include "relay/worker/worker_config.hpp"
#include "relay/worker/worker_counters.hpp"

namespace rr::worker {

struct LocalReply {
  size_t size = 0;        // reply frame size at the start of the buffer; 0 = absorbed, send nothing
  Counter counter = Counter::arp_replies;  // what to count when size > 0
};

// `frame` spans the received frame plus its tailroom (replies may be longer than a
// minimal request). Errors: bad_arp / bad_icmp from the parsers, unhandled when the frame
// is valid but not for one of `port`'s addresses.
packet::Result<LocalReply> answer_locally(std::span<uint8_t> frame, const packet::FrameView& view,
                                          const PortSetup& port, Neighbours& neighbours,
                                          uint64_t now_ms) noexcept;

}  // namespace rr::worker
