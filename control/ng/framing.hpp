// ng message framing: "<cookie> <body>". The cookie (Kamailio: "<pid>_<counter>") matches
// the reply to the request and identifies retransmissions; the body is a bencoded dictionary
// or, if it starts with '{', a JSON object. Replies reuse the cookie and the encoding.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "control/bencode/value.hpp"
#include "control/ng/handler.hpp"

namespace rr::ng {

inline constexpr size_t kMaxCookie = 256;

struct Frame {
  std::string_view cookie;
  std::string_view body;
  Encoding encoding;
};

// Nothing when no cookie can be read (no space, empty, too long or not printable ASCII):
// such a datagram cannot be answered, since the sender could not match the reply.
std::optional<Frame> split_frame(std::string_view datagram);

// "<cookie> <encoded reply>".
std::string format_reply(std::string_view cookie, const bencode::Value& reply, Encoding encoding);
// The same into `out` (replaced), whose capacity a server reuses from request to request.
void format_reply(std::string_view cookie, const bencode::Value& reply, Encoding encoding,
                  std::string& out);

}  // namespace rr::ng
