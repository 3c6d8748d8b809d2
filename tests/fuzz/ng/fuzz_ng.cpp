// A whole ng datagram through framing, reply cache, decoding and dispatch to a fake handler
// that reads the request the way command handlers do. Checks: no crash, and every reply
// starts with the request's cookie.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "control/ng/processor.hpp"
#include "control/ng/reply.hpp"

namespace {

class ReadingHandler : public rr::ng::CommandHandler {
 public:
  rr::bencode::Value handle(rr::ng::Command, const rr::ng::Request& request) override {
    rr::bencode::Value reply = rr::ng::ok_reply();
    if (auto sdp = request.dict.get_string("sdp")) reply.set("sdp", *sdp);
    if (auto flags = request.dict.get_string_list("flags")) reply.set("flags", int64_t(flags->size()));
    if (auto ttl = request.dict.get_int("ttl")) reply.set("ttl", *ttl);
    if (!request.dict.get_string("call-id")) rr::ng::add_warning(reply, "no call-id");
    return reply;
  }
};

// A small cache, so that the fuzzer also runs its eviction past the memory bound.
rr::ng::ProcessorOptions small_cache() {
  rr::ng::ProcessorOptions options;
  options.cache.max_bytes = 64 * 1024;
  return options;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static ReadingHandler handler;
  static rr::ng::RequestProcessor processor(&handler, small_cache());
  std::string_view datagram(reinterpret_cast<const char*>(data), size);
  const rr::Endpoint peer{rr::IpAddress::v4(192, 0, 2, 1), 5060};
  for (bool truncated : {false, true}) {
    rr::ng::Outcome out = processor.process(datagram, peer, truncated);
    if (out.reply) {
      size_t space = datagram.find(' ');
      if (space == std::string_view::npos || out.reply->compare(0, space + 1, datagram.substr(0, space + 1)) != 0)
        std::abort();
    }
  }
  return 0;
}
