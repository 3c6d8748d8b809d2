// Arbitrary bytes through everything the worker runs on a received frame: parse_frame,
// then by kind RTP/RTCP parsing, ARP/ND parsing and the replies, echo reply in place, and
// an egress rewrite into a scratch buffer. The first byte picks the parse options so
// both checksum paths are reached.
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
  if (view) answer(frame, *view);
  return 0;
}
