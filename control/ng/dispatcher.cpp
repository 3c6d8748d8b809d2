#include "control/ng/dispatcher.hpp"

#include <spdlog/spdlog.h>

#include <exception>

#include "control/ng/reply.hpp"

namespace rr::ng {

bencode::Value Dispatcher::dispatch(const Request& request) const {
  auto name = request.dict.get_string("command");
  if (!name) return error_reply(reason::kNoCommand);
  auto command = find_command(*name);
  if (!command) return error_reply(reason::kUnknownCommand);
  if (*command == Command::ping) return pong_reply();
  if (handler_ == nullptr) return error_reply(reason::kNotImplemented);
  // One faulty request must not take the control thread down with it.
  try {
    return handler_->handle(*command, request);
  } catch (const std::exception& e) {
    // A handler bug, not hostile input: worth a log line every time.
    spdlog::error("ng: {} from {} failed: {}", command_name(*command), request.peer.to_string(),
                  e.what());
  } catch (...) {
    spdlog::error("ng: {} from {} failed", command_name(*command), request.peer.to_string());
  }
  return error_reply(reason::kInternal);
}

}  // namespace rr::ng
