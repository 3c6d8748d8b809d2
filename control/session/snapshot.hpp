// Read-only views of calls for query/delete replies and of the whole relay for statistics,
// in the vocabulary of rtpengine's replies but free of bencode.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "control/session/forwarding.hpp"
#include "control/session/interfaces.hpp"
#include "control/session/model.hpp"

namespace rr::session {

struct StreamSnapshot {
  StreamKind kind = StreamKind::rtp;
  Endpoint local;                    // "local port" (and address)
  std::optional<Endpoint> endpoint;  // the peer's, from SDP
  Endpoint advertised;               // what we wrote into the SDP this leg received
  StreamCounters counters;
};

struct MediaSnapshot {
  uint32_t index = 0;
  std::string type, protocol;
  bool rtcp_mux = false;
  std::vector<StreamSnapshot> streams;
};

struct LegSnapshot {
  std::string tag, label, peer_tag;
  std::vector<MediaSnapshot> medias;
};

struct CallSnapshot {
  std::string call_id;
  int64_t created = 0;      // unix seconds
  int64_t last_signal = 0;  // unix seconds
  std::vector<LegSnapshot> legs;
  StreamCounters rtp_totals, rtcp_totals;
};

// `interfaces` gives each stream's advertised (NAT) address.
CallSnapshot snapshot_of(const Call& call, const Forwarding& forwarding,
                         const Interfaces& interfaces);

// Totals since start, by kind; the "statistics" command reports them.
struct Statistics {
  uint64_t current_sessions = 0;
  uint64_t managed_sessions = 0;   // calls ever created
  uint64_t rejected_sessions = 0;  // refused by max-sessions
  uint64_t deleted_sessions = 0;   // ended by delete
  uint64_t timeout_sessions = 0;
  uint64_t silent_timeout_sessions = 0;
  uint64_t final_timeout_sessions = 0;
  uint64_t offers = 0, answers = 0, deletes = 0;
  uint64_t ports_used = 0, ports_free = 0;
};

}  // namespace rr::session
