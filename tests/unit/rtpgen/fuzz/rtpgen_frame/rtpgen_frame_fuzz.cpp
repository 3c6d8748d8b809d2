// Whatever arrives at rtpgen's DPDK port: classify_frame (relay/packet's parsers) for an IPv4
// and an IPv6 address (ARP and neighbour solicitations answered), and, for UDP, the sink's
// accounting, plain and through the SRTP leg's receiver, must take any frame without reading
// outside it.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "relay/packet/nd.hpp"
#include "tools/rtpgen/frame_codec.hpp"
#include "tools/rtpgen/sink.hpp"
#include "tools/rtpgen/srtp_streams.hpp"

namespace {

// Two streams, fixed keys: the fuzzer can reach an SSRC that has a session.
rr::rtpgen::SrtpReceiver& srtp_receiver() {
  static rr::rtpgen::SrtpReceiver receiver = [] {
    std::vector<rr::srtp::KeyMaterial> keys(2);
    keys[1].suite = rr::srtp::CryptoSuite::aead_aes_128_gcm;
    const uint32_t ssrcs[] = {0x01020304, 0x05060708};
    std::string error;
    return *rr::rtpgen::SrtpReceiver::create(keys, ssrcs, error);
  }();
  return receiver;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static rr::rtpgen::Sink sink(8, 8);
  static rr::rtpgen::Sink srtp_sink(2, 2, &srtp_receiver());
  static const rr::IpAddress ours = rr::IpAddress::v4(10, 77, 1, 2);
  static const rr::IpAddress ours6 = *rr::IpAddress::parse("2001:db8:77:1::2");
  rr::rtpgen::ClassifiedFrame c = rr::rtpgen::classify_frame({data, size}, ours);
  if (c.action == rr::rtpgen::FrameAction::datagram) {
    sink.on_datagram(c.payload, 1'000'000'000);
    std::vector<uint8_t> copy(c.payload.begin(), c.payload.end());  // unprotected in place
    srtp_sink.on_wire(copy, 1'000'000'000);
  }
  rr::rtpgen::ClassifiedFrame c6 = rr::rtpgen::classify_frame({data, size}, ours6);
  if (c6.action == rr::rtpgen::FrameAction::answer_nd) {
    uint8_t out[128];
    (void)rr::packet::build_neighbour_advertisement(out, c6.ns, c6.solicitor_ip, c6.solicitor_mac, {});
  }
  return 0;
}
