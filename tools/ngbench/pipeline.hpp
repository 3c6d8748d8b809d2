// ngbench's load loop: N call cycles in flight over one UDP socket, each cycle being
// offer → answer → delete for a fresh call-id, as Kamailio sends them for a short call.
// Replies are matched by cookie ("<run>-<slot>-<n>"), so no map is needed; a request
// unanswered for the timeout is retransmitted with the same cookie, like Kamailio.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "tools/ngclient/calls.hpp"
#include "tools/ngclient/udp_socket.hpp"
#include "tools/rtpgen/latency_histogram.hpp"

namespace rr::ngbench {

enum class Stage : uint8_t { offer, answer, del };
inline constexpr std::array<const char*, 3> kStageNames = {"offer", "answer", "delete"};

struct PipelineOptions {
  uint32_t outstanding = 16;
  uint64_t duration_ns = 10'000'000'000;
  uint64_t timeout_ns = 1'000'000'000;  // per attempt
  int attempts = 3;
  uint64_t finish_ns = 3'000'000'000;   // after the duration: let started cycles delete
};

struct StageResult {
  rtpgen::LatencyHistogram rtt;  // request sent (first attempt) → reply
  uint64_t errors = 0;           // error replies
  uint64_t timeouts = 0;         // no reply after every attempt
  uint64_t retransmits = 0;
  std::string first_error;       // the first error-reason, to tell the reader why
};

struct PipelineResult {
  uint64_t cycles = 0;           // offer+answer+delete all answered ok, within the duration
  double elapsed_s = 0;
  std::array<StageResult, 3> stages;
  uint64_t stray_replies = 0;    // cookies that match nothing in flight
  double cycles_per_second() const { return elapsed_s > 0 ? cycles / elapsed_s : 0; }
};

PipelineResult run_pipeline(ngclient::UdpSocket& socket, const PipelineOptions& options);

}  // namespace rr::ngbench
