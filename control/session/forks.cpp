// Per-branch ports for forked offers (Kamailio's via-branch), matching rtpengine 10.5: a
// second offer on another branch gets its own receiving ports, an answer names its branch's
// ports, and a failed fork's delete frees them. tests/unit/session/via_branch_test.cpp,
// tests/interop/ng_client (both relays).
#include "control/session/sessions.hpp"

namespace rr::session {

void Sessions::select_fork(Call& call, const std::string& branch, bool create) {
  if (branch.empty() || call.answered) return;
  if (call.fork_branch.empty()) {  // the first branch owns legs[""]
    if (create) call.fork_branch = branch;
    return;
  }
  if (call.fork_branch == branch) return;
  auto parked = call.forks.find(branch);
  // Bounded like Call::branches: past it a new branch shares the current side's ports.
  if (parked == call.forks.end() && (!create || call.forks.size() >= kMaxBranches)) return;
  Leg& current = call.legs[""];
  Leg next = parked == call.forks.end() ? Leg{} : std::move(parked->second);
  if (parked != call.forks.end()) call.forks.erase(parked);
  call.forks[call.fork_branch] = std::move(current);
  current = std::move(next);
  call.fork_branch = branch;
}

Leg* Sessions::parked_fork(Call& call, const std::string& branch) {
  if (branch.empty()) return nullptr;
  auto parked = call.forks.find(branch);
  return parked == call.forks.end() ? nullptr : &parked->second;
}

void Sessions::drop_fork(Call& call, const std::string& branch) {
  if (auto parked = call.forks.find(branch); parked != call.forks.end()) {
    release_leg(parked->second);
    call.forks.erase(parked);
    return;
  }
  if (branch != call.fork_branch || call.forks.empty()) return;
  // The dropped branch's side was legs[""]: another unanswered fork takes its place.
  auto next = call.forks.begin();
  Leg& current = call.legs[""];
  release_leg(current);
  current = std::move(next->second);
  call.fork_branch = next->first;
  call.forks.erase(next);
}

}  // namespace rr::session
