#include "control/ng/framing.hpp"

#include <algorithm>

#include "control/bencode/encode.hpp"
#include "control/bencode/json.hpp"

namespace rr::ng {

std::optional<Frame> split_frame(std::string_view datagram) {
  size_t space = datagram.find(' ');
  if (space == std::string_view::npos || space == 0 || space > kMaxCookie) return std::nullopt;
  std::string_view cookie = datagram.substr(0, space);
  bool printable = std::all_of(cookie.begin(), cookie.end(), [](char c) { return c > ' ' && c < 0x7f; });
  if (!printable) return std::nullopt;
  std::string_view body = datagram.substr(space + 1);
  Encoding encoding = (!body.empty() && body.front() == '{') ? Encoding::json : Encoding::bencode;
  return Frame{cookie, body, encoding};
}

std::string format_reply(std::string_view cookie, const bencode::Value& reply, Encoding encoding) {
  std::string out;
  out.reserve(cookie.size() + 64);
  out += cookie;
  out += ' ';
  if (encoding == Encoding::json) {
    bencode::encode_json(reply, out);
  } else {
    bencode::encode(reply, out);
  }
  return out;
}

}  // namespace rr::ng
