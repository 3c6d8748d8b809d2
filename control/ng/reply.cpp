#include "control/ng/reply.hpp"

namespace rr::ng {

bencode::Value ok_reply() {
  // Room for what handlers add (sdp, warning, a delete's stats keys) without regrowing.
  bencode::Dict reply;
  reply.reserve(8);
  reply.push_back({"result", "ok"});
  return bencode::Value(std::move(reply));
}

bencode::Value pong_reply() { return bencode::Value::dict().set("result", "pong"); }

bencode::Value error_reply(std::string_view reason) {
  return bencode::Value::dict().set("result", "error").set("error-reason", reason);
}

void add_warning(bencode::Value& reply, std::string_view warning) { reply.set("warning", warning); }

bool is_error_reply(const bencode::Value& reply) { return reply.get_string("result") == "error"; }

}  // namespace rr::ng
