// Arbitrary bytes through the worker's per-frame code on a plain buffer laid out like an
// mbuf (headroom, frame, tailroom): parse_frame, then forward_media for UDP (lookup, demux,
// latch, stats, next hop, in-place rewrite) or answer_locally for ARP / ND / ping. The
// table holds one call (A on port a <-> B on port b, rtcp-mux, symmetric learning; media
// from A is protected into SRTP toward B), so well-formed inputs reach the whole media path.
// Input byte 0: bit 0 = ingress port, bit 1 = verify the IPv4 header checksum, bits 2-3 =
// copies - 1: more than one copy goes through forward_burst as one burst, whose SRTP tags are
// completed together after it (up to three SHA-1 chains interleaved); the rest is the
// Ethernet frame.
//
// Invariants beyond "no crash, no out-of-bounds": a forwarded frame lies inside the buffer
// and re-parses with a valid IPv4 checksum, and a valid UDP checksum when the input had
// one or was protected (its checksum is then summed, not derived); a local reply fits the
// buffer.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <vector>

#include "relay/packet/frame.hpp"
#include "relay/srtp/session.hpp"
#include "relay/table/forwarding_table.hpp"
#include "relay/worker/forward.hpp"
#include "relay/worker/local_replies.hpp"

namespace {

using namespace rr;

constexpr size_t kHeadroom = 128;  // RTE_PKTMBUF_HEADROOM
constexpr size_t kRoom = 2048;     // default mbuf data room
constexpr uint16_t kPortA = 10000, kPortB = 10002;

IpAddress v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d) { return IpAddress::v4(a, b, c, d); }
IpAddress v6(const char* text) { return *IpAddress::parse(text); }

struct Relay {
  Relay()
      : table({{v4(192, 0, 2, 1), v4(198, 51, 100, 1), v6("2001:db8:b::1")}, 10000, 10099, 1}),
        service(1, 300'000, 1000),
        neighbours(service, 0),
        egress_cache(table.slot_count()) {
    ports.push_back({0, 0, packet::MacAddress{{2, 0, 0, 0, 0xaa, 1}}, {{v4(192, 0, 2, 1), 24, {}}}});
    ports.push_back({1, 0, packet::MacAddress{{2, 0, 0, 0, 0xbb, 1}},
                     {{v4(198, 51, 100, 1), 24, v4(198, 51, 100, 254)}, {v6("2001:db8:b::1"), 64, {}}}});
    neighbours.learn(v4(198, 51, 100, 254), packet::MacAddress{{2, 0, 0, 0, 0xb, 0xfe}}, 0);
    const Endpoint a{v4(192, 0, 2, 10), 4000}, b{v4(198, 51, 100, 20), 5000};
    const stats::RtpClock clock(8000, 1'000'000'000);
    auto a_state = std::make_shared<table::StreamState>(a, clock);
    auto b_state = std::make_shared<table::StreamState>(b, clock);
    publish({0, kPortA}, a, {1, {v4(198, 51, 100, 1), kPortB}, 64, 46, table::latched_of(b_state)},
            a_state, outbound_session());
    publish({1, kPortB}, b, {0, {v4(192, 0, 2, 1), kPortA}, 64, 46, table::latched_of(a_state)}, b_state);
    table.qsbr().online(0);  // this thread is the only worker
  }
  ~Relay() { table.qsbr().offline(0); }

  // A fixed key, so that a crash replays; copies of one input repeat its index, so repeats
  // are allowed (else every copy after the first is a replay).
  static std::shared_ptr<srtp::SrtpSession> outbound_session() {
    srtp::SessionParams params;
    for (size_t i = 0; i < params.key.bytes.size(); ++i)
      params.key.bytes[i] = static_cast<uint8_t>(i * 7 + 1);
    params.direction = srtp::Direction::outbound;
    params.allow_repeat_tx = true;
    auto created = srtp::SrtpSession::create(params);
    if (!created.ok()) __builtin_trap();
    return std::make_shared<srtp::SrtpSession>(std::move(*created.session));
  }

  void publish(table::EntryKey key, const Endpoint& source, table::Egress egress,
               std::shared_ptr<table::StreamState> state,
               std::shared_ptr<srtp::SrtpSession> protect = nullptr) {
    auto entry = std::make_unique<table::ForwardingEntry>();
    entry->key = key;
    entry->kind = table::StreamKind::rtp_mux;
    entry->expected_source = source;
    entry->learning = {table::LearningPolicy::symmetric, {5, 3000}, false};
    entry->egress = std::move(egress);
    entry->state = std::move(state);
    entry->srtp.protect = std::move(protect);
    if (table.publish(std::move(entry)) != table::PublishError::none) __builtin_trap();
  }

  table::ForwardingTable table;
  worker::NeighbourService service;
  worker::Neighbours neighbours;
  worker::EgressCache egress_cache;  // as the worker: the cached path is the one fuzzed
  std::vector<worker::PortSetup> ports;
  uint64_t now_ms = 1;
};

// A forwarded frame lies inside its buffer and re-parses, its UDP checksum verified if
// `check_udp`.
void check_forwarded(std::span<const uint8_t> room, const worker::Forwarded& out, size_t ports,
                     bool check_udp) {
  if (out.data_off + out.data_len > room.size() || out.port_index >= ports) __builtin_trap();
  if (!packet::parse_frame(room.subspan(out.data_off, out.data_len), {true, check_udp}))
    __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Relay relay;
  if (size < 1 || size - 1 > kRoom - kHeadroom) return 0;
  const uint8_t in_port = data[0] & 1;
  packet::ParseOptions options;
  options.verify_ipv4_checksum = (data[0] & 2) != 0;
  const size_t frame_size = size - 1;

  std::vector<uint8_t> buffer(kRoom);  // exact size: ASan sees any access past the mbuf
  std::memcpy(buffer.data() + kHeadroom, data + 1, frame_size);
  const std::span<uint8_t> room(buffer);
  const auto view = packet::parse_frame(room.subspan(kHeadroom, frame_size), options);
  if (!view) return 0;
  const worker::BurstClock clock{relay.now_ms * 1'000'000, relay.now_ms};
  relay.now_ms += 20;

  if (view->kind == packet::FrameKind::udp) {
    // The UDP checksum out is derived from the one in (valid in, valid out), or summed when
    // the payload changed: only A's stream (port a's kPortA) protects.
    const bool udp_valid = packet::parse_frame(room.subspan(kHeadroom, frame_size), {false, true}).ok();
    const bool check_udp = udp_valid || view->dst.port == kPortA;
    worker::ForwardContext context{relay.table, relay.ports, relay.neighbours, &relay.egress_cache};
    const size_t copies = 1 + ((data[0] >> 2) & 3);
    if (copies == 1) {
      const auto out = worker::forward_media(context, in_port, room, kHeadroom, *view, clock);
      if (out) check_forwarded(room, *out, relay.ports.size(), check_udp);
    } else {
      // The copies in buffers of their own, as a burst of mbufs.
      std::vector<std::vector<uint8_t>> buffers(copies, buffer);
      std::array<packet::FrameView, 4> views;
      std::array<worker::MediaFrame, 4> frames;
      for (size_t c = 0; c < copies; ++c) {
        const auto parsed =
            packet::parse_frame(std::span(buffers[c]).subspan(kHeadroom, frame_size), options);
        if (!parsed) __builtin_trap();  // the same bytes parsed above
        views[c] = *parsed;
        frames[c] = {std::span(buffers[c]), kHeadroom, &views[c]};
      }
      worker::forward_burst(context, in_port, std::span(frames.data(), copies), clock);
      for (size_t c = 0; c < copies; ++c)
        if (frames[c].ok)
          check_forwarded(buffers[c], frames[c].forwarded, relay.ports.size(), check_udp);
    }
  } else {
    const std::span<uint8_t> frame = room.subspan(kHeadroom);
    const auto reply = worker::answer_locally(frame, *view, relay.ports[in_port], relay.neighbours, clock.ms);
    if (reply && reply->size > frame.size()) __builtin_trap();
  }
  relay.table.qsbr().quiescent(0);
  return 0;
}
