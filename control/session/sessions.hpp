// All calls of the relay and the ng actions on them. One control thread owns a Sessions;
// every action is a typed request in, a typed result or an Error (rtpengine's text) out.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "control/session/config.hpp"
#include "control/session/forwarding.hpp"
#include "control/session/interfaces.hpp"
#include "control/session/model.hpp"
#include "control/session/outcome.hpp"
#include "control/session/request.hpp"
#include "control/session/snapshot.hpp"

namespace rr::session {

struct SdpResult {
  std::string sdp;                    // the rewritten SDP to send on
  std::vector<std::string> warnings;  // the request's, plus any of the action's
};

// One interface's relay ports, for metrics (control/metrics' PortPool has the same shape).
struct InterfacePorts {
  std::string interface;
  ports::Counters counters;
};

struct DeleteResult {
  CallSnapshot final_stats;  // the call (or branch) as it was, with its last counters
  bool whole_call = true;
  std::vector<std::string> warnings;
};

enum class TeardownReason : uint8_t { deleted, timeout, silent_timeout, final_timeout };
const char* to_string(TeardownReason reason);

class Sessions {
 public:
  // `forwarding` outlives the Sessions; it sees every publish and retire.
  Sessions(SessionsConfig config, Forwarding& forwarding);
  ~Sessions();
  Sessions(const Sessions&) = delete;
  Sessions& operator=(const Sessions&) = delete;

  Outcome<SdpResult> offer(const OfferRequest& request);
  Outcome<SdpResult> answer(const AnswerRequest& request);
  // Error kind not_found for an unknown call or tag; the ng layer makes it a warning. With a
  // delete delay the call stays (query, list, media) until the tick after the delay.
  Outcome<DeleteResult> delete_call(const DeleteRequest& request);
  Outcome<CallSnapshot> query(const QueryRequest& request) const;
  std::vector<std::string> list(const ListRequest& request) const;
  Statistics statistics();
  // Used / quarantined / free relay ports per configured interface, in config order.
  std::vector<InterfacePorts> port_counters();

  // Tears down calls past a timeout (see Timeouts) or past a delayed delete, and reclaims
  // retired data-plane entries.
  // Call it about once a second. Returns how many calls ended.
  size_t tick();

  size_t size() const { return calls_.size(); }
  const Call* find(const std::string& call_id) const;
  // Every call, ordered by call-id, for the once-a-second metrics sample (which must not
  // copy and look up 100 000 call-ids to visit them).
  const std::map<std::string, Call>& calls() const { return calls_; }

 private:
  Outcome<Call*> call_for_offer(const OfferRequest& request);
  void touch(Call& call);
  void apply_signalled(Call& call, const SdpRequest& request);
  void release_leg(Leg& leg);
  // Forks (forks.cpp): make `branch`'s receiving side legs[""], parking the current one;
  // `create` gives a new branch a fresh side (an offer), else an unknown branch is ignored.
  void select_fork(Call& call, const std::string& branch, bool create);
  // A parked fork's side for an answer after the first, or nullptr.
  Leg* parked_fork(Call& call, const std::string& branch);
  // Ends an unanswered fork: its ports go; legs[""] passes to another fork if it was its.
  void drop_fork(Call& call, const std::string& branch);
  void end_call(std::map<std::string, Call>::iterator it, TeardownReason reason);
  void sync_forwarding(Call& call);  // publish/retire so the data plane matches the call
  std::optional<TeardownReason> expired(Call& call, Clock::time_point now);

  SessionsConfig config_;
  Forwarding& forwarding_;
  Interfaces interfaces_;
  std::map<std::string, Call> calls_;  // by call-id; ordered so list is stable
  Statistics stats_;
};

}  // namespace rr::session
