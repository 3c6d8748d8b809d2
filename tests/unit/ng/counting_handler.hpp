// A CommandHandler for tests: counts calls and answers ok with the command's name, or
// throws for "query" to exercise the dispatcher's safety net.
#pragma once

#include <atomic>
#include <stdexcept>

#include "control/ng/handler.hpp"
#include "control/ng/reply.hpp"

namespace rr::ng::testing_support {

class CountingHandler : public CommandHandler {
 public:
  bencode::Value handle(Command command, const Request& request) override {
    ++calls;
    last_peer = request.peer;
    if (command == Command::query) throw std::runtime_error("boom");
    bencode::Value reply = ok_reply();
    reply.set("handled", command_name(command));
    return reply;
  }
  std::atomic<int> calls{0};
  Endpoint last_peer;
};

}  // namespace rr::ng::testing_support
