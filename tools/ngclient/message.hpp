// ng framing: "<cookie> <bencoded dictionary>" in one UDP datagram, both ways.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "control/bencode/value.hpp"

namespace rr::ngclient {

// Appends "<cookie> <bencode(body)>" to a cleared `out`.
void frame_request(std::string_view cookie, const bencode::Value& body, std::string& out);

struct Reply {
  std::string cookie;
  bencode::Value body;  // always a dictionary when error is empty
  std::string error;    // why the datagram is not an ng reply
  bool ok() const { return error.empty(); }
};

// Splits cookie and body and decodes the body, which must be a dictionary. Hostile input
// gives an error, never a crash (fuzzed through tests/unit/rtpgen's ng_reply_fuzz).
Reply parse_reply(std::string_view datagram);

// The reply's "error-reason" when "result" is "error" (or the result itself when it is
// neither "ok", "pong" nor "error", so a surprising reply is not taken for success).
std::optional<std::string> reply_error(const bencode::Value& body);

// Unique cookies per process: a random prefix (so two relayctl runs never collide in the
// relay's reply cache) and a counter.
class CookieSource {
 public:
  CookieSource();
  std::string next();

 private:
  std::string prefix_;
  uint64_t counter_ = 0;
};

}  // namespace rr::ngclient
