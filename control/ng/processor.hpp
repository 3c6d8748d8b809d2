// One ng datagram in, at most one reply datagram out: framing, reply cache, decoding and
// dispatch, without sockets, so that unit tests and the fuzz target drive exactly what the
// UDP server runs.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "control/bencode/limits.hpp"
#include "control/ng/dispatcher.hpp"
#include "control/ng/reply_cache.hpp"

namespace rr::ng {

struct ProcessorOptions {
  ReplyCache::Options cache;
  bencode::Limits limits;
};

// Views into the processor: valid until its next process().
struct Outcome {
  std::optional<std::string_view> reply;  // nothing: send nothing (no readable cookie)
  std::string problem;               // why the request was bad, for a rate-limited log line
  bool from_cache = false;
};

class RequestProcessor {
 public:
  using Now = std::function<ReplyCache::Clock::time_point()>;

  // `now` is injectable so tests can step past the cache lifetime.
  RequestProcessor(CommandHandler* handler, ProcessorOptions options,
                   Now now = [] { return ReplyCache::Clock::now(); });

  // `truncated`: the datagram was larger than the server reads; only its start is here.
  Outcome process(std::string_view datagram, const Endpoint& peer, bool truncated = false);

  // For metrics: bytes held and replies evicted before their 60 s (ReplyCache).
  const ReplyCache& cache() const { return cache_; }

 private:
  Dispatcher dispatcher_;
  ProcessorOptions options_;
  Now now_;
  ReplyCache cache_;
  std::string reply_;  // formatted here (capacity reused: no allocation), sent or cached
};

}  // namespace rr::ng
