// forward_burst must do exactly what forward_media does frame by frame: its software
// pipeline (relay/worker/forward.cpp) only reorders loads, and it computes SRTP tags two at a
// time after the chunk, adding them into UDP checksums summed without them, where
// forward_media completes each at once. Two identical relays take the same frames, one as
// bursts of every size around the pipeline's depths, the other one frame at a time; every
// frame's result and bytes, and every stream's counters, must match. Streams 2-5 protect
// RTP into SRTP (three AES-CM suites, whose tags are deferred, and GCM), with payloads of
// odd and even length so that the tags start at odd and even offsets.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <random>
#include <vector>

#include "relay/packet/frame.hpp"
#include "relay/srtp/keygen.hpp"
#include "relay/srtp/session.hpp"
#include "relay/table/forwarding_table.hpp"
#include "relay/worker/forward.hpp"
#include "tests/support/packet_builder.hpp"

namespace rr::worker {
namespace {

using rr::test::Bytes;
using rr::test::ip;
using rr::test::mac;

constexpr size_t kHeadroom = 128;
constexpr size_t kStreams = 6;
const IpAddress kRelayA = ip("192.0.2.1");
const IpAddress kGateway = ip("198.51.100.254");

// What a test frame is addressed to.
enum class Target { stream, unknown_port, unknown_address, stranger };
struct FrameSpec {
  Target target;
  size_t stream;
  uint16_t sequence;
};

Endpoint phone(size_t stream) { return {IpAddress::v4(203, 0, 113, static_cast<uint8_t>(10 + stream)), 4000}; }
uint16_t relay_port(size_t stream) { return static_cast<uint16_t>(10000 + 2 * stream); }

Bytes build(const FrameSpec& spec) {
  Endpoint source = phone(spec.stream);
  IpAddress destination = kRelayA;
  uint16_t port = relay_port(spec.stream);
  if (spec.target == Target::unknown_port) port = 10090;
  if (spec.target == Target::unknown_address) destination = ip("192.0.2.99");
  if (spec.target == Target::stranger) source = {ip("192.0.2.66"), 6666};
  return rr::test::FrameBuilder()
      .eth(mac("02:00:00:00:0f:01"), mac("02:00:00:00:aa:01"))
      .ipv4(source.address, destination)
      .udp(source.port, port)
      .rtp(spec.sequence, spec.sequence * 160U, 0x1000 + static_cast<uint32_t>(spec.stream), 0)
      .payload(160 + spec.stream % 3, static_cast<uint8_t>(spec.sequence))
      .build();
}

// The SRTP suite each stream's callee leg speaks, if any.
const std::optional<srtp::CryptoSuite> kProtect[kStreams] = {
    std::nullopt,
    std::nullopt,
    srtp::CryptoSuite::aes_cm_128_hmac_sha1_80,
    srtp::CryptoSuite::aes_cm_128_hmac_sha1_32,
    srtp::CryptoSuite::aes_256_cm_hmac_sha1_80,
    srtp::CryptoSuite::aead_aes_128_gcm};

// Master keys for those legs, shared by both relays so that their output can be compared.
std::vector<std::optional<srtp::KeyMaterial>> protect_keys() {
  std::vector<std::optional<srtp::KeyMaterial>> keys;
  for (const auto& suite : kProtect)
    keys.push_back(suite ? srtp::generate_key(*suite) : std::nullopt);
  return keys;
}

std::shared_ptr<srtp::SrtpSession> outbound(const srtp::KeyMaterial& key) {
  srtp::SessionParams params;
  params.key = key;
  params.direction = srtp::Direction::outbound;
  auto created = srtp::SrtpSession::create(params);
  EXPECT_TRUE(created.ok());
  return std::make_shared<srtp::SrtpSession>(std::move(*created.session));
}

// One relay: a table of kStreams published streams (strict latching: a stranger is dropped
// once the stream has latched), a worker's neighbours and egress cache.
class Relay {
 public:
  explicit Relay(const std::vector<std::optional<srtp::KeyMaterial>>& keys) {
    ports_.push_back({0, 0, mac("02:00:00:00:aa:01"), {{kRelayA, 24, ip("192.0.2.254")}}});
    ports_.push_back({1, 0, mac("02:00:00:00:bb:01"), {{ip("198.51.100.1"), 24, kGateway}}});
    neighbours_.learn(kGateway, mac("02:00:00:00:0f:fe"), 0);
    for (size_t s = 0; s < kStreams; ++s) {
      auto peer = std::make_shared<table::StreamState>(Endpoint{ip("198.18.0.9"), 5000}, kClock);
      auto entry = std::make_unique<table::ForwardingEntry>();
      entry->key = {0, relay_port(s)};
      entry->expected_source = phone(s);
      entry->learning.policy = table::LearningPolicy::strict_source;
      entry->egress = {1, {ip("198.51.100.1"), relay_port(s)}, 64, 46, table::latched_of(peer)};
      entry->state = std::make_shared<table::StreamState>(phone(s), kClock);
      if (keys[s]) entry->srtp.protect = outbound(*keys[s]);
      states_.push_back(entry->state);
      peers_.push_back(std::move(peer));
      EXPECT_EQ(table_.publish(std::move(entry)), table::PublishError::none);
    }
  }
  ForwardContext context() { return {table_, ports_, neighbours_, &cache_}; }
  uint64_t forwarded(size_t stream) const { return states_[stream]->forwarded_packets.load(); }

 private:
  static inline const stats::RtpClock kClock{8000, 1'000'000};
  table::ForwardingTable table_{{{kRelayA}, 10000, 10099, 1}};
  std::vector<PortSetup> ports_;
  NeighbourService service_{1, 300'000, 1000};
  Neighbours neighbours_{service_, 0};
  EgressCache cache_{table_.slot_count()};
  std::vector<std::shared_ptr<table::StreamState>> states_;
  std::vector<std::shared_ptr<table::StreamState>> peers_;
};

// A received frame in its own buffer, parsed.
struct Received {
  explicit Received(const Bytes& frame) : room(kHeadroom + frame.size() + 64), size(frame.size()) {
    std::copy(frame.begin(), frame.end(), room.begin() + kHeadroom);
    view = *packet::parse_frame(std::span(room).subspan(kHeadroom, size));
  }
  Bytes room;
  size_t size;
  packet::FrameView view;
};

Bytes sent(const Received& received, const Forwarded& out) {
  const auto at = received.room.begin() + static_cast<std::ptrdiff_t>(out.data_off);
  return Bytes(at, at + static_cast<std::ptrdiff_t>(out.data_len));
}

// Runs of one stream, lone frames, unknown ports and addresses, strangers, in random order.
std::vector<FrameSpec> traffic(size_t count, std::mt19937& random, std::vector<uint16_t>& sequences) {
  std::vector<FrameSpec> frames;
  std::uniform_int_distribution<int> kind(0, 9);
  std::uniform_int_distribution<size_t> stream(0, kStreams - 1);
  while (frames.size() < count) {
    const int k = kind(random);
    const size_t s = stream(random);
    const Target target = k == 0 ? Target::unknown_port
                        : k == 1 ? Target::unknown_address
                        : k == 2 ? Target::stranger
                                 : Target::stream;
    const size_t run = k == 3 ? 3 : 1;  // a stream's frames back to back, as a burst often has
    for (size_t r = 0; r < run && frames.size() < count; ++r) frames.push_back({target, s, ++sequences[s]});
  }
  return frames;
}

TEST(ForwardBurst, SameResultsAsFrameAtATimeForEveryBurstSize) {
  const auto keys = protect_keys();
  Relay burst_relay(keys), single_relay(keys);
  std::mt19937 random(7);
  std::vector<uint16_t> sequences(kStreams, 0);
  uint64_t ms = 1;
  size_t forwarded = 0, dropped = 0;
  // 0..33 crosses every pipeline depth (4, 8, 12) and the 32-frame chunk; 70 is 3 chunks.
  std::vector<size_t> sizes;
  for (size_t n = 0; n <= 33; ++n) sizes.push_back(n);
  sizes.push_back(70);
  for (const size_t n : sizes) {
    SCOPED_TRACE("burst of " + std::to_string(n));
    const std::vector<FrameSpec> specs = traffic(n, random, sequences);
    const BurstClock clock{++ms * 1000, ms};
    std::vector<Received> in_burst, alone;
    for (const auto& spec : specs) {
      in_burst.emplace_back(build(spec));
      alone.emplace_back(build(spec));
    }
    std::vector<MediaFrame> frames;
    for (auto& r : in_burst) frames.push_back({r.room, kHeadroom, &r.view});
    auto burst_context = burst_relay.context();
    forward_burst(burst_context, 0, frames, clock);

    auto single_context = single_relay.context();
    for (size_t j = 0; j < n; ++j) {
      SCOPED_TRACE("frame " + std::to_string(j));
      const auto out = forward_media(single_context, 0, alone[j].room, kHeadroom, alone[j].view, clock);
      ASSERT_EQ(frames[j].ok, out.ok());
      if (!out) {
        EXPECT_EQ(frames[j].drop, out.drop());
        ++dropped;
        continue;
      }
      ++forwarded;
      EXPECT_EQ(frames[j].forwarded.port_index, out->port_index);
      EXPECT_EQ(frames[j].forwarded.resolved, out->resolved);
      const Bytes bytes = sent(in_burst[j], frames[j].forwarded);
      EXPECT_EQ(bytes, sent(alone[j], *out));
      // Checksums too: an SRTP tag is added into the UDP checksum after it was summed.
      EXPECT_TRUE(
          packet::parse_frame(bytes, {.verify_ipv4_checksum = true, .verify_udp_checksum = true}));
    }
  }
  for (size_t s = 0; s < kStreams; ++s) EXPECT_EQ(burst_relay.forwarded(s), single_relay.forwarded(s)) << s;
  // The traffic really mixed both outcomes.
  EXPECT_GT(forwarded, 200u);
  EXPECT_GT(dropped, 100u);
}

}  // namespace
}  // namespace rr::worker
