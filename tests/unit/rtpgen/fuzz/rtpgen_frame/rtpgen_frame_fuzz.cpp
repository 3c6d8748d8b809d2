// Whatever arrives at rtpgen's DPDK port: classify_frame (relay/packet's parsers) and, for
// UDP, the sink's accounting must take any frame without reading outside it.
#include <cstddef>
#include <cstdint>
#include <span>

#include "tools/rtpgen/frame_codec.hpp"
#include "tools/rtpgen/sink.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static rr::rtpgen::Sink sink(8, 8);
  static const rr::IpAddress ours = rr::IpAddress::v4(10, 77, 1, 2);
  rr::rtpgen::ClassifiedFrame c = rr::rtpgen::classify_frame({data, size}, ours);
  if (c.action == rr::rtpgen::FrameAction::datagram) sink.on_datagram(c.payload, 1'000'000'000);
  return 0;
}
