// What the socket and the DPDK transports share around their traffic loops: the ng calls
// of a relay-mode run (offer from A, answer from B, delete at the end) and the report.
#pragma once

#include <iosfwd>
#include <memory>
#include <optional>
#include <vector>

#include "tools/ngclient/client.hpp"
#include "tools/rtpgen/call_setup.hpp"
#include "tools/rtpgen/destination.hpp"
#include "tools/rtpgen/options.hpp"
#include "tools/rtpgen/report.hpp"
#include "tools/rtpgen/srtp_streams.hpp"

namespace rr::rtpgen {

struct PairCalls {
  std::unique_ptr<ngclient::Client> client;  // null in loop mode: no calls
  CallPlan plan;
};

// Relay mode: one call per stream between `a` and `b`; the plan says where each side sends.
// Loop mode: no calls. nullopt (one line on `err`) when set-up failed; what was set up is
// deleted again.
std::optional<PairCalls> set_up_pair(const Options& o, const DestinationPolicy& policy, const Endpoint& a,
                                     const Endpoint& b, std::ostream& out, std::ostream& err);
void tear_down_pair(PairCalls& calls, std::ostream& err);

// The SRTP leg's sessions (relay mode with --srtp): its sender protects with its own keys,
// its sink unprotects with the relay's. Side A sends as direction 0, B as direction 1.
struct SrtpLegSessions {
  SrtpLeg leg = SrtpLeg::none;
  std::optional<SrtpSender> sender;
  std::optional<SrtpReceiver> receiver;
  SrtpSender* sender_of(SrtpLeg side) { return side == leg && sender ? &*sender : nullptr; }
  SrtpReceiver* receiver_of(SrtpLeg side) { return side == leg && receiver ? &*receiver : nullptr; }
};
// nullopt (one line on `err`) if a session could not be made; empty sessions for plain runs.
std::optional<SrtpLegSessions> make_srtp_sessions(const Options& o, const CallPlan& plan, std::ostream& err);

// The human table on `out` and, with --json, the JSON file.
void emit_report(const Options& o, const std::vector<Direction>& directions, std::ostream& out, std::ostream& err);

}  // namespace rr::rtpgen
