// A relay's reply is hostile input to relayctl, rtpgen and ngbench: the framing, the
// bencode body, the readable printers and the SDP endpoint reader must never crash.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string_view>

#include "tools/ngclient/calls.hpp"
#include "tools/ngclient/message.hpp"
#include "tools/relayctl/print.hpp"
#include "tools/relayctl/streams.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  rr::ngclient::Reply reply = rr::ngclient::parse_reply(input);
  if (reply.ok()) {
    (void)rr::ngclient::reply_error(reply.body);
    std::ostringstream out;
    rr::relayctl::print_reply("query", "call", reply.body, out);
    rr::relayctl::print_reply("statistics", "", reply.body, out);
    (void)rr::relayctl::stream_rows("call", reply.body);
    if (std::optional<std::string_view> sdp = reply.body.get_string("sdp")) {
      (void)rr::ngclient::audio_endpoint(*sdp);
    }
  }
  (void)rr::ngclient::audio_endpoint(input);  // the raw bytes as an SDP too
  return 0;
}
