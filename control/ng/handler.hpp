// The seam between the ng server and the session layer: the server decodes, de-duplicates
// and routes; a CommandHandler executes offer/answer/delete/query/list/statistics.
#pragma once

#include <string_view>

#include "control/bencode/value.hpp"
#include "control/ng/command.hpp"
#include "relay/packet/address.hpp"

namespace rr::ng {

enum class Encoding : uint8_t { bencode, json };

// One decoded request. Views into the datagram: valid only during handle().
struct Request {
  std::string_view cookie;
  const bencode::Value& dict;  // the whole request dictionary, "command" included
  Endpoint peer;               // the proxy that sent it (rtpengine's default "received from")
  Encoding encoding;
};

class CommandHandler {
 public:
  virtual ~CommandHandler() = default;
  // Called once per request (retransmissions are answered from the reply cache) for every
  // command except ping, which the server answers itself. Returns the reply dictionary,
  // built with ok_reply()/error_reply(). An exception becomes the reply "Internal error".
  virtual bencode::Value handle(Command command, const Request& request) = 0;
};

}  // namespace rr::ng
