// Routes a decoded request dictionary to its command: ping is answered here, everything the
// command table knows goes to the CommandHandler, the rest gets "Unrecognized command".
#pragma once

#include "control/ng/handler.hpp"

namespace rr::ng {

class Dispatcher {
 public:
  // `handler` may be null (no session layer yet): known commands then get an error reply.
  explicit Dispatcher(CommandHandler* handler) : handler_(handler) {}

  bencode::Value dispatch(const Request& request) const;

 private:
  CommandHandler* handler_;
};

}  // namespace rr::ng
