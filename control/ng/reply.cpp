#include "control/ng/reply.hpp"

namespace rr::ng {

bencode::Value ok_reply() { return bencode::Value::dict().set("result", "ok"); }

bencode::Value pong_reply() { return bencode::Value::dict().set("result", "pong"); }

bencode::Value error_reply(std::string_view reason) {
  return bencode::Value::dict().set("result", "error").set("error-reason", reason);
}

void add_warning(bencode::Value& reply, std::string_view warning) { reply.set("warning", warning); }

bool is_error_reply(const bencode::Value& reply) { return reply.get_string("result") == "error"; }

}  // namespace rr::ng
