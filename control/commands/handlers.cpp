#include "control/commands/handlers.hpp"

#include <array>

#include "control/commands/parse.hpp"
#include "control/commands/reply.hpp"
#include "control/ng/reply.hpp"

namespace rr::commands {
namespace {

using bencode::Value;
// The request is the handler's to consume: offer and answer move its SDP on.
using Handler = Value (*)(session::Sessions&, ParsedRequest&);

Value sdp_reply(session::Outcome<session::SdpResult> result, bool supports_load_limit) {
  if (!result) return error_reply(result.error(), supports_load_limit);
  Value reply = ng::ok_reply();
  reply.set("sdp", std::move(result.value().sdp));
  add_warnings(reply, result.value().warnings);
  return reply;
}

Value offer(session::Sessions& sessions, ParsedRequest& r) {
  const bool load_limit = r.supports_load_limit;
  return sdp_reply(sessions.offer(to_offer(std::move(r))), load_limit);
}

Value answer(session::Sessions& sessions, ParsedRequest& r) {
  const bool load_limit = r.supports_load_limit;
  return sdp_reply(sessions.answer(to_answer(std::move(r))), load_limit);
}

Value delete_(session::Sessions& sessions, ParsedRequest& r) {
  const session::DeleteRequest typed = to_delete(r);
  const auto result = sessions.delete_call(typed);
  Value reply = ng::ok_reply();
  if (result) {
    add_call_stats(reply, result.value().final_stats);
    add_warnings(reply, result.value().warnings);
    return reply;
  }
  // rtpengine: an unknown call is only a warning, unless the client asked for "fatal".
  if (result.error().kind != session::ErrorKind::not_found || typed.fatal)
    return error_reply(result.error(), false);
  std::vector<std::string> warnings = typed.warnings;
  warnings.push_back(result.error().reason);
  add_warnings(reply, warnings);
  return reply;
}

Value query(session::Sessions& sessions, ParsedRequest& r) {
  const auto result = sessions.query(to_query(r));
  if (!result) return error_reply(result.error(), false);
  Value reply = ng::ok_reply();
  add_call_stats(reply, result.value());
  return reply;
}

Value list(session::Sessions& sessions, ParsedRequest& r) {
  Value calls = Value::list();
  for (std::string& id : sessions.list(to_list(r))) calls.push_back(std::move(id));
  Value reply = ng::ok_reply();
  reply.set("calls", std::move(calls));
  return reply;
}

Value statistics(session::Sessions& sessions, ParsedRequest&) {
  return statistics_reply(sessions.statistics());
}

// Indexed by ng::Command (see control/ng/command.hpp); ping is answered by the server.
constexpr std::array<Handler, ng::kCommands.size()> kHandlers{nullptr, offer, answer,    delete_,
                                                              query,   list,  statistics};
static_assert(kHandlers[static_cast<size_t>(ng::Command::delete_)] == delete_ &&
              kHandlers[static_cast<size_t>(ng::Command::statistics)] == statistics);

}  // namespace

Value execute(session::Sessions& sessions, ng::Command command, const Value& request,
              std::optional<IpAddress> peer) {
  const Handler handler = kHandlers[static_cast<size_t>(command)];
  if (handler == nullptr) return ng::error_reply(ng::reason::kUnknownCommand);
  ParsedRequest parsed = parse_request(request);
  if (!parsed.received_from) parsed.received_from = peer;
  return handler(sessions, parsed);
}

Value handle(session::Sessions& sessions, const Value& request) {
  const std::optional<std::string_view> name = request.get_string("command");
  if (!name) return ng::error_reply(ng::reason::kNoCommand);
  const std::optional<ng::Command> command = ng::find_command(*name);
  if (!command) return ng::error_reply(ng::reason::kUnknownCommand);
  return execute(sessions, *command, request);
}

}  // namespace rr::commands
