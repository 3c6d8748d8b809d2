// A fake ng server for tests: a loopback UDP socket served by a thread that answers each
// request with a body chosen by the test, under the request's cookie (or stays silent).
#pragma once

#include <poll.h>

#include <array>
#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "tools/ngclient/udp_socket.hpp"

namespace rr::test {

class FakeServer {
 public:
  // `reply_body` empty: never answer, only count what arrives.
  explicit FakeServer(std::string reply_body)
      : FakeServer([body = std::move(reply_body)](const std::string&) { return body; }) {}
  // Replies with reply(request) under the request's cookie; an empty string means silence.
  explicit FakeServer(std::function<std::string(const std::string&)> reply) : reply_(std::move(reply)) {
    std::string error;
    socket_ = ngclient::UdpSocket::bind({IpAddress::v4(127, 0, 0, 1), 0}, error);
    EXPECT_TRUE(socket_.valid()) << error;
    thread_ = std::thread([this] { serve(); });
  }
  ~FakeServer() {
    stop_ = true;
    thread_.join();
  }
  std::string address() const { return socket_.local_endpoint()->to_string(); }
  std::vector<std::string> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  // Requests received so far that contain `needle` (e.g. "6:delete").
  size_t count(const std::string& needle) const {
    size_t n = 0;
    for (const std::string& r : requests()) n += r.find(needle) != std::string::npos;
    return n;
  }

 private:
  void serve() {
    std::array<uint8_t, 65536> buffer;
    while (!stop_) {
      ngclient::SockAddr from;
      from.length = sizeof(from.storage);
      pollfd pfd{socket_.fd(), POLLIN, 0};
      if (::poll(&pfd, 1, 20) <= 0) continue;
      ssize_t n = ::recvfrom(socket_.fd(), buffer.data(), buffer.size(), 0,
                             reinterpret_cast<sockaddr*>(&from.storage), &from.length);
      if (n <= 0) continue;
      std::string request(reinterpret_cast<char*>(buffer.data()), static_cast<size_t>(n));
      {
        std::lock_guard lock(mutex_);
        requests_.push_back(request);
      }
      std::string body = reply_(request);
      if (body.empty()) continue;
      std::string reply = request.substr(0, request.find(' ')) + " " + body;
      ::sendto(socket_.fd(), reply.data(), reply.size(), 0, from.get(), from.length);
    }
  }

  std::function<std::string(const std::string&)> reply_;
  ngclient::UdpSocket socket_;
  std::atomic<bool> stop_{false};
  mutable std::mutex mutex_;
  std::vector<std::string> requests_;
  std::thread thread_;
};

}  // namespace rr::test
