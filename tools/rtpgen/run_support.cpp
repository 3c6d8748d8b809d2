#include "tools/rtpgen/run_support.hpp"

#include <unistd.h>

#include <cmath>
#include <fstream>
#include <ostream>

#include "tools/rtpgen/sender.hpp"

namespace rr::rtpgen {

std::optional<PairCalls> set_up_pair(const Options& o, const DestinationPolicy& policy, const Endpoint& a,
                                     const Endpoint& b, std::ostream& out, std::ostream& err) {
  PairCalls calls;
  if (o.mode != Mode::relay) return calls;
  if (std::string refused = policy.check(*o.ng); !refused.empty()) {
    err << "rtpgen: ng server: " << refused << '\n';
    return std::nullopt;
  }
  calls.client = std::make_unique<ngclient::Client>(
      *o.ng, ngclient::ClientOptions{static_cast<int>(std::lround(o.ng_timeout_s * 1000)), o.ng_attempts});
  std::string prefix = "rtpgen-" + std::to_string(::getpid()) + "-";
  calls.plan = set_up_calls(*calls.client, o.streams, a, b, prefix, policy, o.ng_direction, o.srtp);
  if (!calls.plan.error.empty()) {
    err << "rtpgen: " << calls.plan.error << '\n';
    tear_down_calls(*calls.client, calls.plan.calls);
    return std::nullopt;
  }
  out << "set up " << calls.plan.calls.size() << " calls through " << o.ng->to_string() << '\n';
  return calls;
}

void tear_down_pair(PairCalls& calls, std::ostream& err) {
  if (!calls.client) return;
  size_t failed = tear_down_calls(*calls.client, calls.plan.calls);
  if (failed > 0) err << "rtpgen: " << failed << " deletes failed\n";
}

std::optional<SrtpLegSessions> make_srtp_sessions(const Options& o, const CallPlan& plan, std::ostream& err) {
  SrtpLegSessions legs;
  if (o.mode != Mode::relay || o.srtp.leg == SrtpLeg::none) return legs;
  legs.leg = o.srtp.leg;
  // The leg receives what the other side sends, with that side's SSRCs.
  const uint32_t far_direction = o.srtp.leg == SrtpLeg::a ? 1 : 0;
  std::vector<uint32_t> ssrcs;
  ssrcs.reserve(o.streams);
  for (uint32_t s = 0; s < o.streams; ++s) ssrcs.push_back(stream_identity(s, far_direction).ssrc);
  std::string error;
  legs.sender = SrtpSender::create(plan.own_keys, error);
  if (legs.sender) legs.receiver = SrtpReceiver::create(plan.relay_keys, ssrcs, error);
  if (!legs.receiver) {
    err << "rtpgen: " << error << '\n';
    return std::nullopt;
  }
  return legs;
}

void emit_report(const Options& o, const std::vector<Direction>& directions, std::ostream& out, std::ostream& err) {
  print_report(directions, o.rows, out);
  if (o.json_file.empty()) return;
  std::ofstream json(o.json_file);
  write_json(directions, json);
  if (!json) err << "rtpgen: could not write " << o.json_file << '\n';
}

}  // namespace rr::rtpgen
