// The whole media path for one received UDP frame, on a plain buffer: neighbour learning
// from the sender, decide_media, next hop, and the in-place header rewrite. The worker
// wraps it with mbuf bookkeeping; the micro benchmark calls it directly without EAL.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "relay/packet/address.hpp"
#include "relay/packet/ethernet.hpp"
#include "relay/packet/frame.hpp"
#include "relay/packet/result.hpp"
#include "relay/srtp/pending_tag.hpp"
#include "relay/table/forwarding_table.hpp"
#include "relay/worker/egress_cache.hpp"
#include "relay/worker/media_path.hpp"
#include "relay/worker/neighbour_service.hpp"
#include "relay/worker/worker_config.hpp"

namespace rr::worker {

// What a worker owns that the media path reads or writes.
struct ForwardContext {
  const table::ForwardingTable& table;
  std::span<const PortSetup> ports;
  Neighbours& neighbours;
  EgressCache* egress_cache = nullptr;  // null: every packet builds its headers (fuzzing, tests)
  // The last frame's sender, already learned from (or found off-link) on that port in that
  // millisecond: the next frame from it skips the on-link test (~33 instructions per
  // packet for one interface address, callgrind) as well as the learning. Most frames of a
  // burst come from one peer (an SBC, a media server, a carrier's media gateway).
  struct Sender {
    IpAddress ip;
    packet::MacAddress mac;
    uint8_t port = 0;
    uint64_t ms = UINT64_MAX;  // no clock reads this: nothing is skipped before the first frame
  } last_sender;
};

struct Forwarded {
  uint8_t port_index = 0;   // index into ForwardContext::ports
  size_t data_off = 0;      // the rewritten frame inside the buffer
  size_t data_len = 0;
  uint8_t l2_len = 0;       // for checksum offload
  bool v4 = true;
  bool rtcp = false;
  bool resolved = true;     // false: destination MAC is zero, hold and solicit `next_hop`
  IpAddress next_hop;

  size_t ip_header_size() const { return v4 ? packet::kIpv4HeaderSize : packet::kIpv6HeaderSize; }
};

// One frame at a time, with its own lookup (fuzzing, tests, the frame-at-a-time bench):
// `room` is the whole buffer; the received frame starts at `data_off` and was parsed into
// `view`. Errors: every media drop reason, plus no_neighbour (no route) and unhandled
// (control named an egress port this worker does not poll).
packet::Result<Forwarded> forward_media(ForwardContext& context, uint8_t in_port,
                                        std::span<uint8_t> room, size_t data_off,
                                        const packet::FrameView& view,
                                        const BurstClock& clock) noexcept;

// One media frame of a burst: in = buffer, frame offset and parsed view; out = the result.
struct MediaFrame {
  std::span<uint8_t> room;
  size_t data_off = 0;
  const packet::FrameView* view = nullptr;
  bool ok = false;
  packet::DropReason drop = packet::DropReason::unhandled;  // when !ok
  Forwarded forwarded;                                      // when ok
};

// forward_media's burst form: reads frame.room, data_off and view, and writes ok, drop and
// forwarded IN PLACE. Returning a Forwarded written byte by byte and copying it on with wide
// loads stalled on store forwarding once per packet (~10 % of the worker's time in
// perf annotate on bench/capacity at 1 stream). An SRTP protect leaves the packet's HMAC tag
// in `tag` (whose key the caller has cleared), its bytes zero in the frame and in the UDP
// checksum until the caller completes it (forward.cpp: complete_tags) before the frame leaves.
// `slot`: the entry's table slot (ForwardingTable::slot_index of view.dst, which entry_at
// read), which indexes the egress cache.
void forward_frame(ForwardContext& context, uint8_t in_port, const table::ForwardingEntry* entry,
                   size_t slot, const BurstClock& clock, MediaFrame& frame,
                   srtp::PendingTag& tag) noexcept;

// forward_media over a burst, software-pipelined: while frame i is forwarded, the stream
// state and peer latch of frame i + 4, the entry of frame i + 8 and the table slot and
// egress template of frame i + 12 are requested (forward.cpp). With 100 000 streams these
// are DRAM misses that a frame-at-a-time loop pays one after another. Then each chunk's
// SRTP tags are computed three at a time (HmacSha1::compute_group: one SHA-1 chain leaves
// most of the core idle), where forward_media computes its one at once. Same results, frame for
// frame, as forward_media in arrival order (tests/unit/worker/forward_burst_test.cpp).
void forward_burst(ForwardContext& context, uint8_t in_port, std::span<MediaFrame> frames,
                   const BurstClock& clock) noexcept;

}  // namespace rr::worker
