// A blocking ng request with Kamailio's retransmission: the same datagram (same cookie) is
// sent again after each timeout, up to `attempts` times, so the relay's reply cache answers
// a retransmission of a command it already ran instead of running it twice.
#pragma once

#include <string>

#include "control/bencode/value.hpp"
#include "relay/packet/address.hpp"
#include "tools/ngclient/message.hpp"
#include "tools/ngclient/udp_socket.hpp"

namespace rr::ngclient {

struct ClientOptions {
  int timeout_ms = 1000;  // per attempt, Kamailio's rtpengine_tout_ms default
  int attempts = 3;
};

struct Result {
  bencode::Value body;  // the reply dictionary, also for error replies
  std::string error;    // transport failure or the reply's error-reason
  bool ok() const { return error.empty(); }
};

class Client {
 public:
  Client(const Endpoint& server, ClientOptions options);

  // Empty when the socket could not be opened.
  const std::string& open_error() const { return open_error_; }
  const Endpoint& server() const { return server_; }

  // Sends `body` and waits for the reply with the same cookie; datagrams with other
  // cookies (late replies to earlier requests) are skipped. An error reply is returned
  // with its body and error = its error-reason.
  Result request(const bencode::Value& body);

 private:
  Endpoint server_;
  ClientOptions options_;
  UdpSocket socket_;
  CookieSource cookies_;
  std::string open_error_;
  std::string datagram_;
};

}  // namespace rr::ngclient
