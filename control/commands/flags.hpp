// The one vocabulary of ng request options: every "flags" entry, every option key
// (ICE, rtcp-mux, direction, ...) and every Kamailio 6 "rtpp-flags" token goes through the
// same table, so the three spellings of an option cannot drift apart.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "control/session/request.hpp"

namespace rr::commands {

// Everything a request may carry; handlers slice it into the typed session requests.
struct ParsedRequest : session::SdpRequest {
  std::optional<int64_t> delete_delay;
  std::optional<int64_t> limit;  // list
};

// rtpengine matches option names case-insensitively with '-', '_' and ' ' equivalent.
std::string normalize(std::string_view name);

// Applies one option. `value` is absent for a bare flag ("trust-address") and present for
// "key=value" tokens and dictionary keys ("ICE" -> "remove"). Unknown names or values add a
// warning to the request; nothing here fails.
void apply_option(ParsedRequest& request, std::string_view name,
                  std::optional<std::string_view> value);

// Kamailio 6's rtpp-flags: whitespace separated "flag" and "key=value" tokens.
void apply_rtpp_flags(ParsedRequest& request, std::string_view text);

}  // namespace rr::commands
