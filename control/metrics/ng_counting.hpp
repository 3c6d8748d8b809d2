// Counts what the session layer answers, by command, result and error reason, by wrapping
// any ng::CommandHandler: the ng and commands code stay free of metrics. Control thread only
// (the ng server calls handle()); the sampler reads counts() on the same thread.
#pragma once

#include <string_view>

#include "control/metrics/sources.hpp"
#include "control/ng/handler.hpp"

namespace rr::metrics {

class CountingHandler final : public ng::CommandHandler {
 public:
  // `inner` outlives this handler.
  explicit CountingHandler(ng::CommandHandler& inner) : inner_(inner) {}

  // Forwards to `inner`; an exception is counted as `internal` and rethrown unchanged.
  bencode::Value handle(ng::Command command, const ng::Request& request) override;

  // Requests and errors; `server` is left zero for the caller to fill from the UdpServer.
  const NgCounts& counts() const { return counts_; }

 private:
  ng::CommandHandler& inner_;
  NgCounts counts_;
};

// The reason label of an error reply, from its "result" and its error-reason (or message).
NgErrorReason classify_error(std::string_view result, std::string_view reason);

}  // namespace rr::metrics
