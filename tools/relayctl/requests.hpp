// relayctl's commands as ng request dictionaries: one table from command word to the
// request it sends, so usage checks and dispatch come from the same rows.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "control/bencode/value.hpp"

namespace rr::relayctl {

struct Request {
  bencode::Value body;
  std::string error;  // usage error (unknown command, wrong argument count)
};

// "top" is not here: it is a loop over "list" and "query".
Request build_request(std::string_view command, const std::vector<std::string>& args);

bencode::Value list_request();
bencode::Value query_request(std::string_view call_id);

}  // namespace rr::relayctl
