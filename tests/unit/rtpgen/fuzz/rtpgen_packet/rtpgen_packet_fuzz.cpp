// Whatever arrives at rtpgen's sink socket: the probe parser and the per-stream
// accounting (sequence tracking, jitter, histograms) must take any datagram.
#include <cstddef>
#include <cstdint>
#include <span>

#include "tools/rtpgen/sink.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static rr::rtpgen::Sink sink(8, 8);
  std::span<const uint8_t> input(data, size);
  // Feed it twice at different arrival times, so duplicate and jitter paths run too.
  sink.on_datagram(input, 1'000'000'000);
  sink.on_datagram(input, size * 1000);
  return 0;
}
