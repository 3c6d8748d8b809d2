#include "tools/rtpgen/run_support.hpp"

#include <unistd.h>

#include <cmath>
#include <fstream>
#include <ostream>

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
  calls.plan = set_up_calls(*calls.client, o.streams, a, b, prefix, policy, o.ng_direction);
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

void emit_report(const Options& o, const std::vector<Direction>& directions, std::ostream& out, std::ostream& err) {
  print_report(directions, o.rows, out);
  if (o.json_file.empty()) return;
  std::ofstream json(o.json_file);
  write_json(directions, json);
  if (!json) err << "rtpgen: could not write " << o.json_file << '\n';
}

}  // namespace rr::rtpgen
