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
  format_reply(cookie, reply, encoding, out);
  return out;
}

void format_reply(std::string_view cookie, const bencode::Value& reply, Encoding encoding,
                  std::string& out) {
  out.clear();
  // The exact size for bencode (JSON is longer: it may grow once).
  out.reserve(cookie.size() + 1 + bencode::encoded_size(reply));
  out += cookie;
  out += ' ';
  if (encoding == Encoding::json) {
    bencode::encode_json(reply, out);
  } else {
    bencode::encode(reply, out);
  }
}

}  // namespace rr::ng
