// Arbitrary bytes through everything the worker runs on a received frame: parse_frame,
// then by kind RTP/RTCP parsing, ARP/ND parsing and the replies, echo reply in place, and
// an egress rewrite into a scratch buffer. The first byte picks the parse options so
// both checksum paths are reached. The fast paths (parse_frame's common shape, parse_rtp's
// 0x80 header) must agree with the general parsers on every input: any difference traps.
#include "relay/packet/arp.hpp"
#include "relay/packet/frame.hpp"
#include "relay/packet/icmp.hpp"
#include "relay/packet/nd.hpp"
#include "relay/packet/rewrite.hpp"
#include "relay/packet/rtp.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <vector>

using namespace rr::packet;

namespace {

bool same_view(const FrameView& a, const FrameView& b) {
  return a.kind == b.kind && a.dst_mac == b.dst_mac && a.src_mac == b.src_mac &&
         a.vlan_count == b.vlan_count && a.vlan_tci == b.vlan_tci && a.ethertype == b.ethertype &&
         a.l3_offset == b.l3_offset && a.l4_offset == b.l4_offset &&
         a.payload_offset == b.payload_offset && a.payload_size == b.payload_size &&
         a.l3_size == b.l3_size && a.src.address.family == b.src.address.family &&
         a.src.address.bytes == b.src.address.bytes && a.src.port == b.src.port &&
         a.dst.address.family == b.dst.address.family &&
         a.dst.address.bytes == b.dst.address.bytes && a.dst.port == b.dst.port &&
         a.ttl == b.ttl && a.tos == b.tos && a.udp_checksum == b.udp_checksum &&
         a.payload.data() == b.payload.data() && a.payload.size() == b.payload.size();
}

void check_fast_paths(std::span<const uint8_t> frame, const ParseOptions& options,
                      const Result<FrameView>& fast) {
  const auto general = parse_frame_generic(frame, options);
  if (fast.ok() != general.ok()) __builtin_trap();
  if (!fast.ok() ? fast.drop() != general.drop() : !same_view(*fast, *general)) __builtin_trap();
  if (!fast || fast->kind != FrameKind::udp) return;
  for (RtpPadding rule : {RtpPadding::check, RtpPadding::encrypted}) {
    const auto rtp = parse_rtp(fast->payload, rule);
    const auto reference = parse_rtp_general(fast->payload, rule);
    if (rtp.ok() != reference.ok()) __builtin_trap();
    if (rtp && (rtp->sequence != reference->sequence || rtp->ssrc != reference->ssrc ||
                rtp->timestamp != reference->timestamp || rtp->marker != reference->marker ||
                rtp->payload_type != reference->payload_type ||
                rtp->header_size != reference->header_size ||
                rtp->payload_size != reference->payload_size ||
                rtp->padding_size != reference->padding_size))
      __builtin_trap();
  }
}

const MacAddress kOurMac{{0x02, 0, 0, 0, 0, 0xaa}};

void answer(std::span<const uint8_t> frame, const FrameView& view) {
  std::array<uint8_t, 128> out{};
  switch (view.kind) {
    case FrameKind::udp: {
      auto rtp = parse_rtp(view.payload);
      auto rtcp = parse_rtcp_header(view.payload);
      if (rtp && size_t{rtp->header_size} + rtp->payload_size + rtp->padding_size != view.payload.size()) {
        __builtin_trap();  // the parse must account for every byte
      }
      (void)is_rtcp(view.payload);
      (void)rtcp;
      // Relay it, bridging families, into a scratch frame like the worker's mbuf.
      EgressHeaders egress;
      egress.src = view.dst;
      egress.dst = view.src;
      std::vector<uint8_t> relayed(header_size(egress) + view.payload.size());
      std::copy(view.payload.begin(), view.payload.end(), relayed.end() - view.payload.size());
      if (!write_egress(relayed, egress) || !parse_frame(relayed, {true, true})) __builtin_trap();
      break;
    }
    case FrameKind::arp:
      if (auto arp = parse_arp(view.payload)) (void)build_arp_reply(out, *arp, kOurMac);
      break;
    case FrameKind::neighbour_solicitation:
      if (auto ns = parse_neighbour_solicitation(view.payload, view.ttl, view.src.address)) {
        (void)build_neighbour_advertisement(out, *ns, view.src.address, view.src_mac, kOurMac);
        (void)build_neighbour_solicitation(out, kOurMac, view.dst.address, ns->target);
      }
      break;
    case FrameKind::neighbour_advertisement:
      (void)parse_neighbour_advertisement(view.payload, view.ttl);
      break;
    case FrameKind::icmp_echo_request:
    case FrameKind::icmpv6_echo_request: {
      std::vector<uint8_t> copy(frame.begin(), frame.end());
      (void)make_echo_reply(copy, view);
      break;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  ParseOptions options{(data[0] & 1) != 0, (data[0] & 2) != 0};
  // An exact-size heap copy, so ASan sees any read past the end of the frame.
  std::vector<uint8_t> frame(data + 1, data + size);
  auto view = parse_frame(frame, options);
  check_fast_paths(frame, options, view);
  if (view) answer(frame, *view);
  return 0;
}
