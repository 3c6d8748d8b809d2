// The ng commands this relay executes (ping is control/ng's): per command, one thin adapter
// dict -> typed request -> Sessions -> reply dict, indexed by ng::Command.
#pragma once

#include <optional>

#include "control/bencode/value.hpp"
#include "control/ng/handler.hpp"
#include "control/session/sessions.hpp"

namespace rr::commands {

// Executes one command. `peer` (the proxy's address) stands in for a missing "received-from",
// as in rtpengine. An unknown command or ping gets "Unrecognized command".
bencode::Value execute(session::Sessions& sessions, ng::Command command,
                       const bencode::Value& request, std::optional<IpAddress> peer = {});

// Dispatches on the request's "command" key: for tests, the fuzzer and tools.
bencode::Value handle(session::Sessions& sessions, const bencode::Value& request);

// What control/ng's server calls.
class SessionHandler final : public ng::CommandHandler {
 public:
  explicit SessionHandler(session::Sessions& sessions) : sessions_(sessions) {}
  bencode::Value handle(ng::Command command, const ng::Request& request) override {
    return execute(sessions_, command, request.dict, request.peer.address);
  }

 private:
  session::Sessions& sessions_;
};

}  // namespace rr::commands
