#include "control/commands/reply.hpp"

#include "control/bencode/encode.hpp"
#include "control/ng/reply.hpp"

namespace rr::commands {
namespace {

using bencode::Value;

// How much of a call a stats reply shows; each level drops more to fit the size limit.
enum class Detail : uint8_t { full, no_advertised, no_streams, tags_only };

Value endpoint_dict(const Endpoint& endpoint) {
  Value d = Value::dict();
  d.set("family", endpoint.address.is_v4() ? "IPv4" : "IPv6");
  d.set("address", endpoint.address.to_string());
  d.set("port", int64_t{endpoint.port});
  return d;
}

Value counters_dict(const session::StreamCounters& c) {
  Value d = Value::dict();
  d.set("packets", static_cast<int64_t>(c.packets));
  d.set("bytes", static_cast<int64_t>(c.bytes));
  d.set("errors", static_cast<int64_t>(c.errors));
  d.set("lost", static_cast<int64_t>(c.lost));
  d.set("jitter", int64_t{c.jitter_ms});
  // Like the SRTP keys, only when non-zero: a plain call's reply must stay one datagram
  // (kMaxStatsReplyBytes) with its advertised endpoints. rtpengine's units: "MOS" x 10
  // (43 = 4.3) and "round-trip time" in microseconds, as in its per-SSRC MOS entries.
  for (const auto& [key, value] :
       {std::pair{"max jitter", uint64_t{c.max_jitter_ms}}, std::pair{"duplicates", c.duplicates},
        std::pair{"out of order", c.out_of_order}, std::pair{"MOS", uint64_t{c.mos_x10}}})
    if (value != 0) d.set(key, static_cast<int64_t>(value));
  if (c.round_trips != 0) d.set("round-trip time", int64_t{c.round_trip_us});
  // rtpengine has no per-reason breakdown; ours appears only when SRTP dropped something,
  // so plain calls keep rtpengine's reply size.
  for (const auto& [key, count] :
       {std::pair{"SRTP auth failures", c.srtp_auth_failed},
        std::pair{"SRTP replays", c.srtp_replayed}, std::pair{"SRTP errors", c.srtp_errors}})
    if (count != 0) d.set(key, static_cast<int64_t>(count));
  // rtpengine's per-stream stats have no RTCP-reported keys; present once the peer reported.
  if (c.rtcp_reports != 0) {
    d.set("reported lost", int64_t{c.reported_lost});
    d.set("reported fraction lost", int64_t{c.reported_fraction_lost});  // /256
    d.set("reported jitter", int64_t{c.reported_jitter_ms});
  }
  return d;
}

Value stream_dict(const session::StreamSnapshot& s, Detail detail) {
  Value d = Value::dict();
  d.set("local port", int64_t{s.local.port});
  d.set("endpoint", s.endpoint ? endpoint_dict(*s.endpoint) : Value::dict());
  if (detail == Detail::full) d.set("advertised endpoint", endpoint_dict(s.advertised));
  Value flags = Value::list();
  flags.push_back(s.kind == session::StreamKind::rtp ? "RTP" : "RTCP");
  d.set("flags", std::move(flags));
  d.set("stats", counters_dict(s.counters));
  return d;
}

Value media_dict(const session::MediaSnapshot& m, Detail detail) {
  Value d = Value::dict();
  d.set("index", int64_t{m.index});
  d.set("type", m.type);
  d.set("protocol", m.protocol);
  if (detail < Detail::no_streams) {
    Value streams = Value::list();
    for (const session::StreamSnapshot& s : m.streams) streams.push_back(stream_dict(s, detail));
    d.set("streams", std::move(streams));
  }
  Value flags = Value::list();
  if (m.rtcp_mux) flags.push_back("RTCP-mux");
  d.set("flags", std::move(flags));
  return d;
}

Value tags_dict(const session::CallSnapshot& call, Detail detail) {
  Value tags = Value::dict();
  for (const session::LegSnapshot& leg : call.legs) {
    Value t = Value::dict();
    t.set("tag", leg.tag);
    if (!leg.label.empty()) t.set("label", leg.label);
    if (!leg.peer_tag.empty()) t.set("in dialogue with", leg.peer_tag);
    if (detail < Detail::tags_only) {
      Value medias = Value::list();
      for (const session::MediaSnapshot& m : leg.medias) medias.push_back(media_dict(m, detail));
      t.set("medias", std::move(medias));
    }
    tags.set(leg.tag, std::move(t));
  }
  return tags;
}

}  // namespace

Value error_reply(const session::Error& error, bool supports_load_limit) {
  if (error.kind == session::ErrorKind::session_limit && supports_load_limit) {
    Value reply = Value::dict();
    reply.set("result", "load limit");
    reply.set("message", error.reason);
    return reply;
  }
  return ng::error_reply(error.reason);
}

void add_warnings(Value& reply, const std::vector<std::string>& warnings) {
  if (warnings.empty()) return;
  std::string joined;  // rtpengine replies with one "warning" string
  for (const std::string& w : warnings) joined += (joined.empty() ? "" : "; ") + w;
  ng::add_warning(reply, joined);
}

void add_call_stats(Value& reply, const session::CallSnapshot& call) {
  reply.set("created", call.created);
  reply.set("last signal", call.last_signal);
  Value totals = Value::dict();
  totals.set("RTP", counters_dict(call.rtp_totals));
  totals.set("RTCP", counters_dict(call.rtcp_totals));
  reply.set("totals", std::move(totals));
  for (Detail detail :
       {Detail::full, Detail::no_advertised, Detail::no_streams, Detail::tags_only}) {
    reply.set("tags", tags_dict(call, detail));
    if (bencode::encoded_size(reply) <= kMaxStatsReplyBytes) return;
  }
}

Value statistics_reply(const session::Statistics& s) {
  auto n = [](uint64_t v) { return Value(static_cast<int64_t>(v)); };
  Value current = Value::dict();
  current.set("sessionsown", n(s.current_sessions));
  current.set("sessionsforeign", 0);
  current.set("sessionstotal", n(s.current_sessions));
  current.set("portsused", n(s.ports_used));
  current.set("portsfree", n(s.ports_free));
  Value total = Value::dict();
  total.set("managedsessions", n(s.managed_sessions));
  total.set("rejectedsessions", n(s.rejected_sessions));
  total.set("timeoutsessions", n(s.timeout_sessions));
  total.set("silenttimeoutsessions", n(s.silent_timeout_sessions));
  total.set("finaltimeoutsessions", n(s.final_timeout_sessions));
  total.set("regularterminatedsessions", n(s.deleted_sessions));
  Value control = Value::dict();
  control.set("offer", n(s.offers));
  control.set("answer", n(s.answers));
  control.set("delete", n(s.deletes));
  Value statistics = Value::dict();
  statistics.set("currentstatistics", std::move(current));
  statistics.set("totalstatistics", std::move(total));
  statistics.set("controlstatistics", std::move(control));
  Value reply = ng::ok_reply();
  reply.set("statistics", std::move(statistics));
  return reply;
}

}  // namespace rr::commands
