#include "tools/pcapgen/capture.hpp"

#include <algorithm>
#include <array>

#include "relay/packet/arp.hpp"
#include "relay/packet/rewrite.hpp"

namespace rr::pcapgen {

namespace {

constexpr uint8_t kPayloadTypePcmu = 0;
constexpr uint8_t kPcmuSilence = 0xff;  // μ-law zero
constexpr size_t kMaxFrame = 128 + kRtpHeaderSize + kG711PayloadSize;

void put_rtp_header(uint8_t* p, uint16_t sequence, uint32_t timestamp, uint32_t ssrc) {
  p[0] = 0x80;  // version 2, no padding, extension or CSRCs
  p[1] = kPayloadTypePcmu;
  p[2] = static_cast<uint8_t>(sequence >> 8), p[3] = static_cast<uint8_t>(sequence);
  for (int i = 0; i < 4; ++i) {
    p[4 + i] = static_cast<uint8_t>(timestamp >> (24 - 8 * i));
    p[8 + i] = static_cast<uint8_t>(ssrc >> (24 - 8 * i));
  }
}

}  // namespace

RtpStream make_stream(uint32_t index, const Endpoint& caller, const Endpoint& relay) {
  // A multiplicative hash spreads SSRCs over 32 bits; + 1 keeps stream 0 away from SSRC 0.
  const uint32_t mixed = (index + 1) * 2654435761u;
  return {.caller = caller,
          .relay = relay,
          .ssrc = mixed,
          .first_sequence = static_cast<uint16_t>(mixed >> 16),
          .first_timestamp = mixed ^ 0x5a5a5a5au};
}

uint32_t sequence_offset(const CaptureSpec& spec, uint32_t round) {
  if (!spec.loop_sequence) return round * uint32_t{spec.sequence_step};
  if (round == 0 || spec.rounds < 2) return round;
  return 1 + static_cast<uint32_t>(uint64_t{round - 1} * 65535 / (spec.rounds - 1));
}

packet::Result<size_t> rtp_frame(std::span<uint8_t> out, const RtpStream& stream, uint32_t offset,
                                 const Link& link) {
  const packet::EgressHeaders headers{.l2 = {.dst = link.relay_mac, .src = link.caller_mac},
                                      .src = stream.caller,
                                      .dst = stream.relay,
                                      .dscp = 46};
  const size_t header = packet::header_size(headers);
  const size_t size = header + kRtpHeaderSize + kG711PayloadSize;
  if (out.size() < size) return packet::DropReason::too_short;
  put_rtp_header(out.data() + header, static_cast<uint16_t>(stream.first_sequence + offset),
                 stream.first_timestamp + offset * kG711TimestampStep, stream.ssrc);
  std::fill_n(out.data() + header + kRtpHeaderSize, kG711PayloadSize, kPcmuSilence);
  return packet::write_egress(out.first(size), headers);
}

packet::Result<size_t> arp_announcement(std::span<uint8_t> out, const packet::MacAddress& owner_mac,
                                        const IpAddress& owner, const Link& link,
                                        const IpAddress& relay) {
  const packet::ArpPacket reply{.op = packet::ArpOp::reply,
                                .sender_mac = owner_mac,
                                .sender_ip = owner,
                                .target_mac = link.relay_mac,
                                .target_ip = relay};
  return packet::write_arp(out, {.dst = link.relay_mac, .src = owner_mac}, reply);
}

CaptureResult write_capture(PcapWriter& writer, const CaptureSpec& spec) {
  CaptureResult result;
  std::array<uint8_t, kMaxFrame> frame{};
  const auto fail = [&](std::string why) {
    result.error = std::move(why);
    return result;
  };
  if (spec.streams.empty()) return fail("no streams");
  for (const auto& [mac, address] : spec.neighbours) {
    auto size = arp_announcement(frame, mac, address, spec.link, spec.streams.front().relay.address);
    if (!size) return fail("ARP announcement for " + address.to_string() + ": " +
                           std::string(packet::name(size.drop())));
    if (!writer.write(std::span(frame).first(*size), 0)) return fail("write failed");
    ++result.frames;
  }
  const uint64_t n = spec.streams.size();
  for (uint32_t round = 0; round < spec.rounds; ++round) {
    const uint32_t offset = sequence_offset(spec, round);
    for (uint64_t i = 0; i < n; ++i) {
      auto size = rtp_frame(frame, spec.streams[i], offset, spec.link);
      if (!size) return fail("stream " + std::to_string(i) + ": " + std::string(packet::name(size.drop())));
      const uint64_t time_ns = round * kPacketIntervalNs + i * kPacketIntervalNs / n;
      if (!writer.write(std::span(frame).first(*size), time_ns)) return fail("write failed");
      ++result.frames;
    }
  }
  return result;
}

}  // namespace rr::pcapgen
