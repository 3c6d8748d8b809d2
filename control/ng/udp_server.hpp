// The ng control socket(s): non-blocking UDP on every listen address, served by one epoll
// loop on the calling thread, with a periodic tick for the session layer's timeouts.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <vector>

#include "control/ng/log_limiter.hpp"
#include "control/ng/processor.hpp"
#include "control/ng/socket.hpp"

namespace rr::ng {

struct ServerOptions {
  std::chrono::milliseconds tick_interval{1000};
  // Larger datagrams are answered "Message too large". 64 KiB covers any UDP payload.
  size_t max_datagram = 64 * 1024;
};

// Read by the metrics layer from the control thread.
struct ServerCounters {
  uint64_t requests = 0;      // datagrams received
  uint64_t cached = 0;        // answered from the reply cache
  uint64_t bad = 0;           // answered with an error, or not at all
  uint64_t send_errors = 0;   // replies the kernel refused
};

class UdpServer {
 public:
  // Binds every endpoint now, so that a bad listen-ng fails at start-up. Throws
  // std::system_error whose text names the address ("ng: cannot bind 127.0.0.1:2223").
  UdpServer(const std::vector<Endpoint>& listen, RequestProcessor& processor,
            ServerOptions options = {});

  // Where the sockets really are (port 0 resolved), in the order given.
  std::vector<Endpoint> local_endpoints() const;

  // Serves until stop(); calls `tick` about every tick_interval (and never concurrently).
  void run(const std::function<void()>& tick = {});

  // Any thread, or a signal handler: a single write(2) to an eventfd.
  void stop() noexcept;

  const ServerCounters& counters() const { return counters_; }

 private:
  void drain(int fd);
  void answer(int fd, std::string_view datagram, const sockaddr_storage& from, bool truncated);

  RequestProcessor& processor_;
  ServerOptions options_;
  std::vector<UniqueFd> sockets_;
  UniqueFd epoll_;
  UniqueFd stop_event_;
  std::vector<char> buffer_;
  LogLimiter log_limiter_;
  ServerCounters counters_;
};

}  // namespace rr::ng
