#include "bench/micro/worker/relay_fixture.hpp"

#include <cstring>
#include <random>

#include "relay/packet/bytes.hpp"

namespace rr::bench {
namespace {

using rr::test::ip;
using rr::test::mac;

constexpr uint16_t kPortMin = 10000;
constexpr uint16_t kPorts = 50000;  // per local address: two addresses hold 100 000 streams

}  // namespace

BenchRelay::BenchRelay(size_t streams, size_t payload_size, const EntryHook& hook)
    : table_({{ip("192.0.2.1"), ip("192.0.2.2")}, kPortMin, kPortMin + kPorts - 1, 1}),
      service_(1, 300'000, 1000),
      neighbours_(service_, 0),
      egress_cache_(table_.slot_count()) {
  ports_.push_back({0, 0, mac("02:00:00:00:aa:01"), {{ip("192.0.2.1"), 24, ip("192.0.2.254")}}});
  ports_.push_back({1, 0, mac("02:00:00:00:bb:01"), {{ip("198.51.100.1"), 24, ip("198.51.100.254")}}});
  neighbours_.learn(ip("198.51.100.254"), mac("02:00:00:00:0f:fe"), 0);
  const stats::RtpClock clock(8000, 1'000'000'000);
  for (size_t i = 0; i < streams; ++i) {
    const Endpoint a{IpAddress::v4(203, 0, static_cast<uint8_t>(i >> 8), static_cast<uint8_t>(i)), 4000};
    const Endpoint b{IpAddress::v4(198, 18, static_cast<uint8_t>(i >> 8), static_cast<uint8_t>(i)), 5000};
    auto peer = table::make_hot_shared<table::StreamState>(b, clock);
    auto entry = std::make_unique<table::ForwardingEntry>();
    entry->key = {static_cast<uint8_t>(i / kPorts), static_cast<uint16_t>(kPortMin + i % kPorts)};
    entry->expected_source = a;
    entry->egress = {1, {ip("198.51.100.1"), entry->key.port}, 64, 46, table::latched_of(peer)};
    entry->state = table::make_hot_shared<table::StreamState>(a, clock);
    if (hook) hook(i, *entry);
    templates_.push_back(rr::test::FrameBuilder()
                             .eth(mac("02:00:00:00:0f:01"), mac("02:00:00:00:aa:01"))
                             .ipv4(a.address, table_.config().local_addresses[entry->key.address_index])
                             .udp(a.port, entry->key.port)
                             .rtp(0, 0, 0x1000 + static_cast<uint32_t>(i), 0)
                             .payload(payload_size, 0xd5)
                             .build());
    peers_.push_back(std::move(peer));
    table_.publish(std::move(entry));
  }
  sequence_.resize(streams);
  buffers_.assign(kBuffers * kBufferSize, 0);
  for (size_t b = 0; b < kBuffers; ++b) std::memcpy(frame(b), templates_[0].data(), templates_[0].size());
  order_.resize(1 << 16);
  std::mt19937 random(42);
  std::uniform_int_distribution<size_t> pick(0, streams - 1);
  for (auto& s : order_) s = pick(random);
}

std::span<uint8_t> BenchRelay::load(size_t b, size_t s, size_t bytes) {
  uint8_t* out = frame(b);
  std::memcpy(out, templates_[s].data(), bytes);
  const uint16_t seq = ++sequence_[s];
  packet::store_be16(out + kL2L3L4 + 2, seq);
  packet::store_be32(out + kL2L3L4 + 4, seq * 160U);
  return {&buffers_[b * kBufferSize], kBufferSize};
}

size_t BurstRunner::run(worker::ForwardContext& context, std::span<const std::span<uint8_t>> rooms,
                        size_t frame_size, const worker::BurstClock& clock) {
  size_t count = 0, dropped = 0;
  for (const std::span<uint8_t> room : rooms) {
    const auto view = packet::parse_frame(room.subspan(kHeadroom, frame_size));
    if (!view) {
      ++dropped;
      continue;
    }
    views_[count] = *view;
    // The inputs only, as the worker sets them (its frames are reused burst after burst).
    worker::MediaFrame& frame = frames_[count];
    frame.room = room;
    frame.data_off = kHeadroom;
    frame.view = &views_[count];
    ++count;
  }
  worker::forward_burst(context, 0, std::span(frames_.data(), count), clock);
  for (size_t k = 0; k < count; ++k) dropped += !frames_[k].ok;
  benchmark::DoNotOptimize(frames_);
  return dropped;
}

}  // namespace rr::bench
