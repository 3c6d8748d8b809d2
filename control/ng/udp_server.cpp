#include "control/ng/udp_server.hpp"

#include <spdlog/spdlog.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace rr::ng {
namespace {

[[noreturn]] void throw_errno(const char* what) {
  throw std::system_error(errno, std::generic_category(), what);
}

void watch(int epoll, int fd) {
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = fd;
  if (::epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &ev) != 0) throw_errno("ng: epoll_ctl");
}

// Bounds one socket's turn so that a flood on one address cannot starve the others or the tick.
constexpr int kMaxDatagramsPerWakeup = 64;

}  // namespace

UdpServer::UdpServer(const std::vector<Endpoint>& listen, RequestProcessor& processor,
                     ServerOptions options)
    : processor_(processor), options_(options), buffer_(options.max_datagram) {
  epoll_ = UniqueFd(::epoll_create1(EPOLL_CLOEXEC));
  if (!epoll_) throw_errno("ng: epoll_create1");
  stop_event_ = UniqueFd(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
  if (!stop_event_) throw_errno("ng: eventfd");
  watch(epoll_.get(), stop_event_.get());
  for (const Endpoint& endpoint : listen) {
    sockets_.push_back(bind_udp(endpoint));
    watch(epoll_.get(), sockets_.back().get());
  }
}

std::vector<Endpoint> UdpServer::local_endpoints() const {
  std::vector<Endpoint> out;
  for (const UniqueFd& fd : sockets_) out.push_back(local_endpoint(fd.get()));
  return out;
}

void UdpServer::stop() noexcept {
  uint64_t one = 1;
  // Nothing useful to do on failure here (maybe inside a signal handler); the counter
  // only fails when it would overflow, which means stop() was already requested.
  [[maybe_unused]] ssize_t n = ::write(stop_event_.get(), &one, sizeof one);
}

void UdpServer::run(const std::function<void()>& tick) {
  using Clock = std::chrono::steady_clock;
  auto next_tick = Clock::now() + options_.tick_interval;
  epoll_event events[16];
  while (true) {
    auto wait = std::chrono::ceil<std::chrono::milliseconds>(next_tick - Clock::now());
    int n = ::epoll_wait(epoll_.get(), events, 16, static_cast<int>(std::max<int64_t>(wait.count(), 0)));
    if (n < 0 && errno != EINTR) throw_errno("ng: epoll_wait");
    for (int i = 0; i < n; ++i) {
      if (events[i].data.fd == stop_event_.get()) {
        uint64_t value = 0;
        [[maybe_unused]] ssize_t r = ::read(stop_event_.get(), &value, sizeof value);
        return;
      }
      drain(events[i].data.fd);
    }
    if (Clock::now() >= next_tick) {
      if (tick) tick();
      // Counted from the tick's end: a sweep slower than the interval (100 000 streams on a
      // busy core) still leaves a whole interval of ng service before the next one.
      next_tick = Clock::now() + options_.tick_interval;
    }
  }
}

void UdpServer::drain(int fd) {
  for (int i = 0; i < kMaxDatagramsPerWakeup; ++i) {
    sockaddr_storage from{};
    socklen_t from_len = sizeof from;
    // MSG_TRUNC makes recvfrom return the datagram's real length, so truncation is visible.
    ssize_t n = ::recvfrom(fd, buffer_.data(), buffer_.size(), MSG_TRUNC,
                           reinterpret_cast<sockaddr*>(&from), &from_len);
    if (n < 0) {
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
        spdlog::warn("ng: recvfrom: {}", std::strerror(errno));
      return;
    }
    bool truncated = static_cast<size_t>(n) > buffer_.size();
    size_t length = truncated ? buffer_.size() : static_cast<size_t>(n);
    answer(fd, std::string_view(buffer_.data(), length), from, truncated);
  }
}

void UdpServer::answer(int fd, std::string_view datagram, const sockaddr_storage& from,
                       bool truncated) {
  ++counters_.requests;
  std::optional<Endpoint> peer = from_sockaddr(from);
  if (!peer) return;
  Outcome outcome = processor_.process(datagram, *peer, truncated);
  if (outcome.from_cache) ++counters_.cached;
  if (!outcome.problem.empty()) {
    ++counters_.bad;
    if (log_limiter_.allow(peer->address, LogLimiter::Clock::now()))
      spdlog::warn("ng: bad request from {}: {}", peer->to_string(), outcome.problem);
  }
  if (!outcome.reply) return;
  sockaddr_storage to;
  socklen_t to_len = to_sockaddr(*peer, to);
  if (::sendto(fd, outcome.reply->data(), outcome.reply->size(), 0,
               reinterpret_cast<const sockaddr*>(&to), to_len) < 0) {
    ++counters_.send_errors;
    if (log_limiter_.allow(peer->address, LogLimiter::Clock::now()))
      spdlog::warn("ng: reply to {} failed: {}", peer->to_string(), std::strerror(errno));
  }
}

}  // namespace rr::ng
