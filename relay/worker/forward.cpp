#include "relay/worker/forward.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "relay/packet/bytes.hpp"
#include "relay/packet/checksum.hpp"
#include "relay/srtp/session.hpp"
#include "relay/worker/egress.hpp"
#include "relay/worker/next_hop.hpp"
#include "relay/worker/prefetch.hpp"

namespace rr::worker {
namespace {

constexpr size_t kChunk = 32;  // frames pipelined together: one RX burst
// A burst is software-pipelined in four stages, each a fixed number of frames ahead of the
// frame being forwarded, so the loads of the dependent chain slot -> entry -> state overlap
// across frames while the frames in between do their work. Four frames apart is a little
// more than a DRAM miss (~200 ns on these VMs) at ~50 ns of work per frame, and keeps ~24
// lines in flight, about what one core's miss buffers hold. worker_bench at 100 000 streams,
// quiet: 4/8/12 beat 2/4/6, 3/6/9, 5/10/15 and 4/10/16, and equalled 6/12/18.
constexpr size_t kCipherAhead = 2;  // OpenSSL's cipher context requested (the session is in)
constexpr size_t kStateAhead = 4;   // stream state + peer latch (+ SRTP sessions) requested
constexpr size_t kEntryAhead = 8;   // entry requested (the slot is in)
constexpr size_t kSlotAhead = 12;   // table slot + egress template requested

int port_index_of(std::span<const PortSetup> ports, uint16_t port_id) noexcept {
  for (size_t i = 0; i < ports.size(); ++i)
    if (ports[i].port_id == port_id) return static_cast<int>(i);
  return -1;
}

// What a steady-state packet reads of its entry, all on the entry's first line: the hot
// pointers, key and kind, and the learning policy (the window's limits are read only while
// it is open, relay/table/learning.cpp). So one line is prefetched, not two.
static_assert(sizeof(table::HotPointers) + sizeof(table::EntryKey) <= 64);
static_assert(offsetof(table::ForwardingEntry, key) + sizeof(table::EntryKey) <= 64);
static_assert(offsetof(table::ForwardingEntry, kind) < 64);
static_assert(offsetof(table::ForwardingEntry, learning) + offsetof(table::LearningConfig, policy) < 64);

// A converting stream's SRTP sessions: the RTP bytes each packet writes (replay state, SSRC
// table). Out of line, as prefetch_cipher: inlined, they slowed the plain path at 100 000
// streams (bench/capacity: 140-146 -> 144-176 ns), which only needs the test in front of them.
[[gnu::noinline]] void prefetch_sessions(const table::HotPointers& hot) noexcept {
  for (const srtp::SrtpSession* session : {hot.unprotect, hot.protect}) {
    if (!session) continue;
    const std::span<const uint8_t> bytes = session->rtp_hot_bytes();
    // Every line the span touches, the last partial one included.
    const auto first = reinterpret_cast<uintptr_t>(bytes.data()) & ~uintptr_t{63};
    for (uintptr_t line = first; line < reinterpret_cast<uintptr_t>(bytes.data() + bytes.size()); line += 64)
      prefetch_write(reinterpret_cast<const void*>(line));
  }
}

// The lines decide_media touches in the stream's own state (written), the peer's latch (read)
// and, converting, the SRTP sessions. Returns whether the stream converts (prefetch_cipher
// may have work: it has none for AES-CM on AES-NI).
bool prefetch_stream(const table::ForwardingEntry* entry) noexcept {
  if (!entry) return false;
  const auto* state = reinterpret_cast<const char*>(entry->hot.state) + table::StreamState::kHotOffset;
  for (size_t line = 0; line < table::kStreamStateHotLines; ++line) prefetch_write(state + line * 64);
  prefetch_read(entry->hot.destination);
  if (!entry->hot.unprotect && !entry->hot.protect) return false;
  prefetch_sessions(entry->hot);
  return true;
}

// OpenSSL's cipher context of each SRTP session (GCM, or AES-CM without AES-NI), whose
// address prefetch_stream's lines hold: its first lines are read by every packet's re-IV (at
// 100 000 streams, perf annotate put 11 % of the worker's time converting on the first load
// from it). AES-CM with AES-NI has none: its round keys are among the session's hot bytes.
[[gnu::noinline]] void prefetch_cipher(const table::ForwardingEntry* entry) noexcept {
  if (!entry) return;
  for (const srtp::SrtpSession* session : {entry->hot.unprotect, entry->hot.protect}) {
    const auto* context = session ? static_cast<const char*>(session->rtp_cipher_context()) : nullptr;
    if (!context) continue;
    prefetch_read(context);
    prefetch_read(context + 64);
    prefetch_read(context + 128);
  }
}

// Every frame from an on-link peer refreshes its MAC, so replies rarely need ARP.
void learn_sender(ForwardContext& context, uint8_t in_port, const packet::FrameView& view,
                  uint64_t now_ms) noexcept {
  ForwardContext::Sender& last = context.last_sender;
  if (now_ms == last.ms && in_port == last.port && view.src.address == last.ip &&
      view.src_mac == last.mac)
    return;
  last = {view.src.address, view.src_mac, in_port, now_ms};
  if (!view.src_mac.is_multicast() && on_link(context.ports[in_port].addresses, view.src.address))
    context.neighbours.learn(view.src.address, view.src_mac, now_ms);
}

// The frame is dropped for `reason` (the worker counts it).
void fail(MediaFrame& frame, packet::DropReason reason) noexcept {
  frame.ok = false;
  frame.drop = reason;
}

// Writes `header` in front of the payload and describes the frame for the worker, in place
// (forward_frame). `unresolved_hop`: the next hop whose MAC is still unknown (the frame is held).
void stamp(MediaFrame& frame, size_t payload_at, const MediaDecision& decision,
           const packet::HeaderTemplate& header, uint8_t port_index, const packet::FrameView* unchanged,
           const IpAddress* unresolved_hop) noexcept {
  const auto start = packet::apply_header_template(frame.room, payload_at, decision.payload_size, header, unchanged);
  if (!start) return fail(frame, start.drop());
  Forwarded& forwarded = frame.forwarded;
  forwarded.port_index = port_index;
  forwarded.data_off = *start;
  forwarded.data_len = header.size + decision.payload_size;
  forwarded.l2_len = header.l2_size;
  forwarded.v4 = header.v4;
  forwarded.rtcp = decision.rtcp;
  forwarded.resolved = !unresolved_hop;
  if (unresolved_hop) forwarded.next_hop = *unresolved_hop;
  frame.ok = true;
}

// forward_frame past an egress cache miss (a new stream, a moved latch or next hop, bridged
// RTCP): next hop, neighbour, headers built and the stream's template refilled. Out of line:
// inlined, its locals gave forward_frame a 376-byte frame and spills that every cached packet
// paid for.
[[gnu::noinline]] void stamp_uncached(ForwardContext& context, const table::ForwardingEntry& entry,
                                      const MediaDecision& decision, const BurstClock& clock,
                                      MediaFrame& frame, size_t payload_at,
                                      const packet::FrameView* unchanged, EgressCacheSlot* cached,
                                      uint32_t latch_version) noexcept {
  const Endpoint destination = decision.destination->load();
  const int out_index = port_index_of(context.ports, decision.egress->port_id);
  if (out_index < 0) return fail(frame, packet::DropReason::unhandled);
  const PortSetup& out = context.ports[static_cast<size_t>(out_index)];
  const auto hop = next_hop(out.addresses, destination.address);
  if (!hop) return fail(frame, packet::DropReason::no_neighbour);
  auto headers = egress_headers(*decision.egress, destination, {}, out);
  // Unresolved: the destination MAC stays zero and the worker holds the frame.
  NeighbourTable::Stamp neighbour;
  const bool resolved = context.neighbours.find(*hop, clock.ms, headers.l2.dst, neighbour);
  const auto header = packet::make_header_template(headers);
  if (!header) return fail(frame, header.drop());
  if (cached && resolved) {
    cached->entry_generation = entry.hot.generation;
    cached->set_neighbour(neighbour);
    cached->latch_version = latch_version;
    cached->port_index = static_cast<uint8_t>(out_index);
    cached->header = *header;
  }
  stamp(frame, payload_at, decision, *header, static_cast<uint8_t>(out_index), unchanged,
        resolved ? nullptr : &*hop);
}

// The frame's UDP checksum was summed over its SRTP tag's bytes while they were zero (in
// software: apply_header_template's template follows the port's offload).
void add_tag_to_checksum(std::span<const PortSetup> ports, MediaFrame& frame,
                         const srtp::PendingTag& tag) noexcept {
  const Forwarded& out = frame.forwarded;
  if (ports[out.port_index].tx_udp_checksum) return;
  uint8_t* udp = frame.room.data() + out.data_off + out.l2_len + out.ip_header_size();
  const bool odd = (tag.tag - udp) % 2 != 0;
  const uint16_t checksum =
      packet::checksum_add(packet::load_be16(udp + 6), {tag.tag, tag.tag_len}, odd);
  packet::store_be16(udp + 6, packet::udp_checksum_field(checksum));
}

// Computes the SRTP tags forward_frame left, three at a time (srtp::complete, whose SHA-1
// chains interleave), writes them and adds them into the UDP checksums summed without them.
// Clears every tag, those of frames dropped after their protect too.
void complete_tags(std::span<const PortSetup> ports, std::span<MediaFrame> frames,
                   std::span<srtp::PendingTag> tags) noexcept {
  std::array<srtp::PendingTag*, kChunk> waiting;  // the pending tags of frames still to send
  size_t count = 0;
  for (size_t j = 0; j < frames.size(); ++j) {
    if (!tags[j].pending()) continue;
    if (!frames[j].ok) {  // dropped after protect: its tag is never needed
      tags[j].key = nullptr;
      continue;
    }
    waiting[count++] = &tags[j];
  }
  srtp::complete(std::span(waiting.data(), count));
  for (srtp::PendingTag* tag : std::span(waiting.data(), count))
    add_tag_to_checksum(ports, frames[static_cast<size_t>(tag - tags.data())], *tag);
}

void forward_chunk(ForwardContext& context, uint8_t in_port, std::span<MediaFrame> frames,
                   const BurstClock& clock) noexcept {
  const size_t n = frames.size();
  // Not initialised: frame j's slot and entry are written by its first two stages before a
  // later stage, or frame j + 1's first stage, reads them (zeroing both arrays was a
  // `rep stos` per chunk, perf annotate).
  std::array<size_t, kChunk> slots;  // the table slot of the frame's destination, or kNoSlot
  std::array<const table::ForwardingEntry*, kChunk> entries;
  // Not initialised: a chunk clears a frame's tag only once it has seen a converting stream
  // (frames from `tags_from` on), so an all-plain chunk never writes these 24 lines.
  std::array<srtp::PendingTag, kChunk> tags;
  size_t tags_from = n;
  const table::ForwardingTable& table = context.table;
  // A frame of the same stream as the one before needs no second request for its lines
  // (callgrind, worker_bench at 1 stream: 902 -> 873 instructions per packet).
  const auto request_slot = [&](size_t j) {
    slots[j] = table.slot_index(frames[j].view->dst.address, frames[j].view->dst.port);
    if (slots[j] == table::ForwardingTable::kNoSlot || (j > 0 && slots[j] == slots[j - 1])) return;
    prefetch_read(table.slot_address(slots[j]));
    // The egress template is indexed like the slot: known before the entry is loaded. Its
    // first line only: all of an untagged IPv4 template (egress_cache.hpp).
    if (context.egress_cache) {
      if (const auto* cached = context.egress_cache->slot(slots[j])) prefetch_read(cached);
    }
  };
  const auto request_entry = [&](size_t j) {
    entries[j] = table.entry_at(slots[j]);
    if (entries[j] && (j == 0 || entries[j] != entries[j - 1])) prefetch_read(entries[j]);
  };
  // Whether any frame so far converts SRTP: only then does the cipher stage run, so a plain
  // chunk pays one test per step for it.
  bool converting = false;
  const auto request_state = [&entries, &converting](size_t j) {
    if (j == 0 || entries[j] != entries[j - 1]) converting |= prefetch_stream(entries[j]);
  };
  const auto request_cipher = [&entries](size_t j) {
    if (j == 0 || entries[j] != entries[j - 1]) prefetch_cipher(entries[j]);
  };
  // Step i requests the slot of frame i, the entry of frame i - 4, the state of frame i - 8,
  // the cipher context of frame i - 10 and forwards frame i - 12: frames leave in arrival order.
  for (size_t i = 0; i < n + kSlotAhead; ++i) {
    if (i < n) request_slot(i);
    if (const size_t j = i - (kSlotAhead - kEntryAhead); i >= kSlotAhead - kEntryAhead && j < n) request_entry(j);
    if (const size_t j = i - (kSlotAhead - kStateAhead); i >= kSlotAhead - kStateAhead && j < n) request_state(j);
    if (const size_t j = i - (kSlotAhead - kCipherAhead); converting && i >= kSlotAhead - kCipherAhead && j < n)
      request_cipher(j);
    if (const size_t j = i - kSlotAhead; i >= kSlotAhead) {
      // A converting frame set `converting` when its state was requested, 4 steps ago.
      if (converting) {
        tags_from = std::min(tags_from, j);
        tags[j].key = nullptr;
      }
      forward_frame(context, in_port, entries[j], slots[j], clock, frames[j], tags[j]);
    }
  }
  if (tags_from < n)
    complete_tags(context.ports, frames.subspan(tags_from),
                  std::span(tags.data() + tags_from, n - tags_from));
}

}  // namespace

packet::Result<Forwarded> forward_media(ForwardContext& context, uint8_t in_port,
                                        std::span<uint8_t> room, size_t data_off,
                                        const packet::FrameView& view,
                                        const BurstClock& clock) noexcept {
  MediaFrame frame{room, data_off, &view};
  srtp::PendingTag tag{};
  const size_t slot = context.table.slot_index(view.dst.address, view.dst.port);
  forward_frame(context, in_port, context.table.entry_at(slot), slot, clock, frame, tag);
  complete_tags(context.ports, {&frame, 1}, {&tag, 1});
  if (!frame.ok) return frame.drop;
  return frame.forwarded;
}

void forward_burst(ForwardContext& context, uint8_t in_port, std::span<MediaFrame> frames,
                   const BurstClock& clock) noexcept {
  for (size_t at = 0; at < frames.size(); at += kChunk)
    forward_chunk(context, in_port, frames.subspan(at, std::min(kChunk, frames.size() - at)), clock);
}

void forward_frame(ForwardContext& context, uint8_t in_port, const table::ForwardingEntry* entry,
                   size_t slot, const BurstClock& clock, MediaFrame& frame,
                   srtp::PendingTag& tag) noexcept {
  const packet::FrameView& view = *frame.view;
  learn_sender(context, in_port, view, clock.ms);

  const size_t payload_at = frame.data_off + view.payload_offset;
  const std::span<uint8_t> payload_room = frame.room.subspan(payload_at);
  auto decision = decide_media(entry, view, payload_room, clock);
  if (!decision) return fail(frame, decision.drop());
  if (const auto drop = protect_and_count(decision.value_in_place(), payload_room, tag))
    return fail(frame, *drop);
  // Same payload bytes out as in: the UDP checksum is derived from the received one.
  const packet::FrameView* unchanged = decision->payload_unchanged ? &view : nullptr;

  // Bridged RTCP (rtcp_egress) is a few packets per second: it always takes the slow path.
  EgressCacheSlot* cached = context.egress_cache && decision->egress == &entry->egress
                                ? context.egress_cache->slot(slot)
                                : nullptr;
  const uint32_t latch_version = decision->destination->version();
  if (cached && cached->holds(entry->hot.generation, latch_version, clock.ms, context.neighbours))
    return stamp(frame, payload_at, *decision, cached->header, cached->port_index, unchanged, nullptr);

  stamp_uncached(context, *entry, *decision, clock, frame, payload_at, unchanged, cached,
                 latch_version);
}

}  // namespace rr::worker
