#include "control/session/snapshot.hpp"

namespace rr::session {
namespace {

void add(StreamCounters& total, const StreamCounters& c) {
  total.packets += c.packets, total.bytes += c.bytes, total.errors += c.errors;
  total.srtp_auth_failed += c.srtp_auth_failed, total.srtp_replayed += c.srtp_replayed;
  total.srtp_errors += c.srtp_errors, total.lost += c.lost;
  total.duplicates += c.duplicates, total.out_of_order += c.out_of_order;
}

}  // namespace

CallSnapshot snapshot_of(const Call& call, const Forwarding& forwarding,
                         const Interfaces& interfaces) {
  CallSnapshot out{call.call_id, call.created_unix, call.last_signal_unix, {}, {}, {}};
  // Sized up front: every delete builds one (allocation counts: tests/unit/commands).
  out.legs.reserve(call.legs.size());
  for (const auto& [tag, leg] : call.legs) {
    LegSnapshot leg_out{tag, leg.label, call.peer_of(tag), {}};
    if (tag != call.tag_a && tag != call.tag_b) leg_out.peer_tag.clear();  // a losing fork
    leg_out.medias.reserve(leg.media.size());
    for (const Media& media : leg.media) {
      MediaSnapshot media_out{media.index, media.type, media.proto, media.rtcp_mux, {}};
      const auto streams = streams_of(media);
      media_out.streams.reserve(streams.size());
      for (const Stream& stream : streams) {
        const Endpoint advertised{interfaces.advertised(*media.relay), stream.local.port};
        StreamSnapshot s{stream.kind, stream.local, stream.endpoint, advertised, {}};
        s.counters = forwarding.stream_counters(stream.local);
        add(stream.kind == StreamKind::rtp ? out.rtp_totals : out.rtcp_totals, s.counters);
        media_out.streams.push_back(s);
      }
      leg_out.medias.push_back(std::move(media_out));
    }
    out.legs.push_back(std::move(leg_out));
  }
  return out;
}

}  // namespace rr::session
