#include "tools/ngclient/client.hpp"

#include <array>
#include <chrono>

namespace rr::ngclient {

Client::Client(const Endpoint& server, ClientOptions options)
    : server_(server), options_(options), socket_(UdpSocket::connect(server, open_error_)) {}

Result Client::request(const bencode::Value& body) {
  Result result;
  if (!socket_.valid()) {
    result.error = open_error_;
    return result;
  }
  std::string cookie = cookies_.next();
  frame_request(cookie, body, datagram_);
  std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(datagram_.data()), datagram_.size());
  // 64 KiB: the largest UDP payload, so a big "list" or "query" reply is never truncated.
  static thread_local std::array<uint8_t, 65536> buffer;
  using Clock = std::chrono::steady_clock;
  for (int attempt = 0; attempt < options_.attempts; ++attempt) {
    socket_.send(bytes);  // a failed send is just another unanswered attempt
    const auto deadline = Clock::now() + std::chrono::milliseconds(options_.timeout_ms);
    for (auto now = Clock::now(); now < deadline; now = Clock::now()) {
      int left = static_cast<int>(
          std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count());
      std::optional<size_t> n = socket_.receive(buffer, left);
      if (!n) continue;
      Reply reply = parse_reply({reinterpret_cast<const char*>(buffer.data()), *n});
      if (reply.cookie != cookie) continue;  // stray datagram or late reply to another request
      if (!reply.ok()) {
        result.error = "malformed reply from " + server_.to_string() + ": " + reply.error;
        return result;
      }
      result.body = std::move(reply.body);
      if (std::optional<std::string> why = reply_error(result.body)) result.error = *why;
      return result;
    }
  }
  result.error = "no answer from " + server_.to_string() + " after " +
                 std::to_string(options_.attempts) + " attempts";
  return result;
}

}  // namespace rr::ngclient
