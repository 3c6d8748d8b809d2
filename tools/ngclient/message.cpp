#include "tools/ngclient/message.hpp"

#include <random>

#include "control/bencode/decode.hpp"
#include "control/bencode/encode.hpp"

namespace rr::ngclient {

void frame_request(std::string_view cookie, const bencode::Value& body, std::string& out) {
  out.assign(cookie);
  out.push_back(' ');
  bencode::encode(body, out);
}

Reply parse_reply(std::string_view datagram) {
  Reply reply;
  size_t space = datagram.find(' ');
  if (space == std::string_view::npos || space == 0) {
    reply.error = "ng reply without a cookie";
    return reply;
  }
  reply.cookie.assign(datagram.substr(0, space));
  bencode::DecodeResult decoded = bencode::decode(datagram.substr(space + 1));
  if (!decoded.ok()) {
    reply.error = "ng reply body: " + decoded.error;
    return reply;
  }
  if (!decoded.value.is_dict()) {
    reply.error = "ng reply body is not a dictionary";
    return reply;
  }
  reply.body = std::move(decoded.value);
  return reply;
}

std::optional<std::string> reply_error(const bencode::Value& body) {
  std::optional<std::string_view> result = body.get_string("result");
  if (!result) return "reply without a result";
  if (*result == "ok" || *result == "pong") return std::nullopt;
  if (*result == "error") {
    std::optional<std::string_view> reason = body.get_string("error-reason");
    return std::string(reason.value_or("error without error-reason"));
  }
  return "unexpected result \"" + std::string(*result) + "\"";
}

CookieSource::CookieSource() {
  std::random_device seed;
  prefix_ = std::to_string(seed() % 1000000) + "_";
}

std::string CookieSource::next() { return prefix_ + std::to_string(++counter_); }

}  // namespace rr::ngclient
