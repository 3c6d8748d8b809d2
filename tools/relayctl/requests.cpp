#include "tools/relayctl/requests.hpp"

#include <array>

namespace rr::relayctl {

namespace {

struct CommandRow {
  std::string_view word;     // relayctl's command
  std::string_view ng;       // the ng "command" value
  size_t min_args;
  size_t max_args;
  std::string_view usage;
};

constexpr std::array kCommands = {
    CommandRow{"ping", "ping", 0, 0, "ping"},
    CommandRow{"list", "list", 0, 0, "list"},
    CommandRow{"query", "query", 1, 1, "query CALL-ID"},
    CommandRow{"delete", "delete", 1, 2, "delete CALL-ID [FROM-TAG]"},
    CommandRow{"statistics", "statistics", 0, 0, "statistics"},
};

bencode::Value command(std::string_view ng) {
  bencode::Value body = bencode::Value::dict();
  body.set("command", ng);
  return body;
}

}  // namespace

bencode::Value list_request() {
  bencode::Value body = command("list");
  // rtpengine returns at most "limit" call-ids (default 32); top wants them all.
  body.set("limit", int64_t{100000});
  return body;
}

bencode::Value query_request(std::string_view call_id) {
  bencode::Value body = command("query");
  body.set("call-id", call_id);
  return body;
}

Request build_request(std::string_view word, const std::vector<std::string>& args) {
  Request request;
  for (const CommandRow& row : kCommands) {
    if (row.word != word) continue;
    if (args.size() < row.min_args || args.size() > row.max_args) {
      request.error = "usage: relayctl " + std::string(row.usage);
      return request;
    }
    if (word == "list") {
      request.body = list_request();
      return request;
    }
    request.body = command(row.ng);
    if (!args.empty()) request.body.set("call-id", args[0]);
    if (args.size() > 1) request.body.set("from-tag", args[1]);
    return request;
  }
  request.error = "unknown command \"" + std::string(word) + "\"";
  return request;
}

}  // namespace rr::relayctl
