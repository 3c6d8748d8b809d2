#include "control/session/sessions.hpp"

#include <utility>

#include "control/sdp/sdp.hpp"
#include "control/session/negotiate.hpp"

namespace rr::session {
namespace {

std::optional<Error> check_keys(const SdpRequest& request, bool needs_to_tag) {
  if (request.call_id.empty()) return Error{ErrorKind::bad_request, reason::kNoCallId};
  if (request.from_tag.empty()) return Error{ErrorKind::bad_request, reason::kNoFromTag};
  if (needs_to_tag && request.to_tag.empty())
    return Error{ErrorKind::bad_request, reason::kNoToTag};
  if (request.sdp.empty()) return Error{ErrorKind::bad_request, reason::kNoSdp};
  // One leg on both ends would alias the offerer's and the receiver's ports.
  if (request.to_tag == request.from_tag) return Error{ErrorKind::bad_request, reason::kSameTags};
  return std::nullopt;
}

SdpResult with_warnings(std::string sdp, const SdpRequest& request) {
  return SdpResult{std::move(sdp), request.warnings};
}

// Which part of `call` a delete names. A known via-branch names a fork (Kamailio deletes the
// failed fork's branch): answered, it stands for its to-tag; never answered (no SDP came
// back), only the branch goes while other branches remain, and the last one is the whole
// call. A to-tag of a leg we have wins over the branch.
struct DeleteTarget {
  std::string to_tag;
  bool branch_only = false;
};

DeleteTarget delete_target(const Call& call, const DeleteRequest& request) {
  DeleteTarget target{request.to_tag};
  auto branch =
      request.via_branch.empty() ? call.branches.end() : call.branches.find(request.via_branch);
  if (branch == call.branches.end() ||
      (!target.to_tag.empty() && call.legs.count(target.to_tag) != 0))
    return target;
  if (!branch->second.empty())
    target.to_tag = branch->second;
  else if (call.branches.size() > 1)
    target.branch_only = true;
  else
    target.to_tag.clear();
  return target;
}

}  // namespace

const char* to_string(TeardownReason reason) {
  switch (reason) {
    case TeardownReason::deleted:
      return "deleted";
    case TeardownReason::timeout:
      return "timeout";
    case TeardownReason::silent_timeout:
      return "silent timeout";
    case TeardownReason::final_timeout:
      return "final timeout";
  }
  return "?";
}

Sessions::Sessions(SessionsConfig config, Forwarding& forwarding)
    : config_(std::move(config)), forwarding_(forwarding), interfaces_(config_) {}

Sessions::~Sessions() {
  while (!calls_.empty()) end_call(calls_.begin(), TeardownReason::deleted);
}

const Call* Sessions::find(const std::string& call_id) const {
  auto it = calls_.find(call_id);
  return it == calls_.end() ? nullptr : &it->second;
}

void Sessions::touch(Call& call) {
  call.last_signal = config_.now();
  call.last_signal_unix = config_.unix_now();
}

// What every successful offer/answer does last: the request's per-call settings, the
// signalling time, and the data plane brought in step.
void Sessions::apply_signalled(Call& call, const SdpRequest& request) {
  call.learning = learning_of(request.flags);
  if (request.tos) call.dscp = static_cast<uint8_t>(*request.tos >> 2);
  call.delete_at.reset();  // rtpengine: signalling during a delete delay keeps the call
  touch(call);
  sync_forwarding(call);
}

Outcome<Call*> Sessions::call_for_offer(const OfferRequest& request) {
  auto it = calls_.find(request.call_id);
  if (it != calls_.end()) {
    Call& call = it->second;
    if (request.from_tag != call.tag_a && request.from_tag != call.tag_b)
      return Error{ErrorKind::not_found, reason::kUnknownTag};
    return &call;
  }
  if (config_.max_sessions != 0 && calls_.size() >= config_.max_sessions) {
    ++stats_.rejected_sessions;
    return Error{ErrorKind::session_limit, reason::kSessionLimit};
  }
  Call& call = calls_[request.call_id];
  call.call_id = request.call_id;
  call.created = call.last_media = config_.now();
  call.created_unix = config_.unix_now();
  call.tag_a = request.from_tag;
  call.tag_b = request.to_tag;
  call.legs[call.tag_a].tag = call.tag_a;
  call.legs[call.tag_b].tag = call.tag_b;
  return &call;
}

Outcome<SdpResult> Sessions::offer(const OfferRequest& request) {
  if (std::optional<Error> error = check_keys(request, false)) return *error;
  const sdp::Result<sdp::Sdp> parsed = sdp::parse(request.sdp);
  if (!parsed) return Error{ErrorKind::bad_request, reason::kBadSdp};
  const bool existed = calls_.count(request.call_id) != 0;
  Outcome<Call*> found = call_for_offer(request);
  if (!found) return found.error();
  Call& call = *found.value();

  if (call.peer_of(request.from_tag).empty()) select_fork(call, request.via_branch, true);
  Leg& offerer = call.legs[request.from_tag];
  Leg& receiver = call.legs[call.peer_of(request.from_tag)];
  Outcome<std::string> sdp = apply_offer(*parsed, request, offerer, receiver, interfaces_);
  if (!sdp) {
    if (!existed) calls_.erase(request.call_id);  // rolled back: it holds no ports
    return sdp.error();
  }
  ++stats_.offers;
  if (!existed) ++stats_.managed_sessions;
  // Forks exist only before the answer; bounded, since each request may name a new branch.
  if (!request.via_branch.empty() && !call.answered && call.branches.size() < kMaxBranches)
    call.branches.try_emplace(request.via_branch, request.to_tag);
  apply_signalled(call, request);
  return with_warnings(std::move(sdp.value()), request);
}

Outcome<SdpResult> Sessions::answer(const AnswerRequest& request) {
  if (std::optional<Error> error = check_keys(request, true)) return *error;
  const sdp::Result<sdp::Sdp> parsed = sdp::parse(request.sdp);
  if (!parsed) return Error{ErrorKind::bad_request, reason::kBadSdp};
  auto it = calls_.find(request.call_id);
  if (it == calls_.end()) return Error{ErrorKind::not_found, reason::kUnknownCall};
  Call& call = it->second;
  const std::string& offerer_tag = request.from_tag;
  if (offerer_tag != call.tag_a && offerer_tag != call.tag_b)
    return Error{ErrorKind::not_found, reason::kUnknownTag};

  // A different to-tag than the current peer: the first answer names the offer's pending
  // side (its branch's, when the offer forked), a later one is another fork. A later fork
  // whose branch has its own ports takes those and the earlier answer keeps its own, as in
  // rtpengine; without a known branch the latest answer takes the peer's ports over.
  const std::string peer = call.peer_of(offerer_tag);
  if (peer.empty()) select_fork(call, request.via_branch, false);
  Leg* parked = peer.empty() || peer == request.to_tag ? nullptr : parked_fork(call, request.via_branch);
  Leg& receiver = parked != nullptr ? *parked : call.legs[peer];
  if (std::optional<Error> error =
          check_answer(*parsed, request, call.legs[offerer_tag], receiver))
    return *error;
  if (peer != request.to_tag) {
    Leg& to = call.legs[request.to_tag];
    release_leg(to);  // a losing fork answering again holds nothing, but never leak
    to.tag = request.to_tag;
    to.media = std::move(receiver.media);
    receiver.media.clear();
    if (parked != nullptr)
      call.forks.erase(request.via_branch);
    else if (peer.empty())
      call.legs.erase(peer);
    (call.tag_a == offerer_tag ? call.tag_b : call.tag_a) = request.to_tag;
  }
  Outcome<std::string> sdp = apply_answer(*parsed, request, call.legs[offerer_tag],
                                          call.legs[request.to_tag], interfaces_);
  if (!sdp) return sdp.error();
  ++stats_.answers;
  call.answered = true;
  if (auto branch = call.branches.find(request.via_branch); branch != call.branches.end())
    branch->second = request.to_tag;
  apply_signalled(call, request);
  return with_warnings(std::move(sdp.value()), request);
}

Outcome<DeleteResult> Sessions::delete_call(const DeleteRequest& request) {
  if (request.call_id.empty()) return Error{ErrorKind::bad_request, reason::kNoCallId};
  auto it = calls_.find(request.call_id);
  if (it == calls_.end()) return Error{ErrorKind::not_found, reason::kDeleteNotFound};
  Call& call = it->second;
  const DeleteTarget target = delete_target(call, request);
  const std::string& to_tag = target.to_tag;
  const bool branch_only = target.branch_only;
  const bool known_from = request.from_tag.empty() || call.legs.count(request.from_tag) != 0;
  const bool known_to = to_tag.empty() || call.legs.count(to_tag) != 0;
  if (!known_from || (!known_to && !branch_only))
    return Error{ErrorKind::not_found, reason::kDeleteNotFound};

  ++stats_.deletes;
  DeleteResult result{snapshot_of(call, forwarding_, interfaces_), true, request.warnings};
  if (branch_only) {
    drop_fork(call, request.via_branch);
    call.branches.erase(request.via_branch);
    touch(call);
    result.whole_call = false;
    return result;
  }
  const bool active = to_tag.empty() || to_tag == call.tag_a || to_tag == call.tag_b;
  if (active) {  // a party of the relayed pair: nothing is left to relay
    const std::chrono::seconds delay = request.delete_delay && *request.delete_delay >= 0
                                           ? std::chrono::seconds(*request.delete_delay)
                                           : config_.delete_delay;
    if (delay.count() > 0)
      call.delete_at = config_.now() + delay;  // media flows on; a later delete re-schedules
    else
      end_call(it, TeardownReason::deleted);
    return result;
  }
  // A losing fork (487 on one branch): only its tag goes, the call continues.
  release_leg(call.legs[to_tag]);
  call.legs.erase(to_tag);
  std::erase_if(call.branches, [&](const auto& b) { return b.second == to_tag; });
  touch(call);
  result.whole_call = false;
  return result;
}

Outcome<CallSnapshot> Sessions::query(const QueryRequest& request) const {
  if (request.call_id.empty()) return Error{ErrorKind::bad_request, reason::kNoCallId};
  const Call* call = find(request.call_id);
  if (call == nullptr) return Error{ErrorKind::not_found, reason::kUnknownCall};
  return snapshot_of(*call, forwarding_, interfaces_);
}

std::vector<std::string> Sessions::list(const ListRequest& request) const {
  std::vector<std::string> ids;
  for (const auto& [id, call] : calls_) {
    if (ids.size() >= request.limit) break;
    ids.push_back(id);
  }
  return ids;
}

Statistics Sessions::statistics() {
  Statistics out = stats_;
  out.current_sessions = calls_.size();
  const ports::Counters ports = interfaces_.counters();
  out.ports_used = ports.used;
  out.ports_free = ports.free;
  return out;
}

std::vector<InterfacePorts> Sessions::port_counters() {
  std::vector<InterfacePorts> out;
  for (size_t i = 0; i < interfaces_.size(); ++i) {
    const auto index = static_cast<uint8_t>(i);
    out.push_back({interfaces_.name(index), interfaces_.counters(index)});
  }
  return out;
}

}  // namespace rr::session
