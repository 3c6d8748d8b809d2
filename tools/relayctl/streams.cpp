#include "tools/relayctl/streams.hpp"

#include <cstdio>
#include <ostream>

namespace rr::relayctl {

namespace {

std::string endpoint_text(const bencode::Value& stream) {
  const bencode::Value* ep = stream.find("endpoint");
  if (!ep) return {};
  std::optional<std::string_view> address = ep->get_string("address");
  std::optional<int64_t> port = ep->get_int("port");
  if (!address || !port) return {};
  bool v6 = address->find(':') != std::string_view::npos;
  return (v6 ? "[" + std::string(*address) + "]" : std::string(*address)) + ":" +
         std::to_string(*port);
}

StreamRow row_from(std::string_view call_id, std::string_view tag, const bencode::Value& stream) {
  StreamRow row;
  row.call_id = call_id;
  row.tag = tag;
  row.local_port = stream.get_int("local port").value_or(0);
  row.endpoint = endpoint_text(stream);
  if (const bencode::Value* stats = stream.find("stats")) {
    row.packets = stats->get_int("packets").value_or(0);
    row.bytes = stats->get_int("bytes").value_or(0);
    row.errors = stats->get_int("errors").value_or(0);
    row.lost = stats->get_int("lost");
    row.jitter_ms = stats->get_int("jitter");
  }
  return row;
}

}  // namespace

std::vector<StreamRow> stream_rows(std::string_view call_id, const bencode::Value& query_reply) {
  std::vector<StreamRow> rows;
  const bencode::Value* tags = query_reply.find("tags");
  if (!tags || !tags->as_dict()) return rows;
  for (const bencode::DictEntry& leg : *tags->as_dict()) {
    const bencode::Value* medias = leg.value.find("medias");
    if (!medias || !medias->as_list()) continue;
    for (const bencode::Value& media : *medias->as_list()) {
      const bencode::Value* streams = media.find("streams");
      if (!streams || !streams->as_list()) continue;
      for (const bencode::Value& stream : *streams->as_list()) {
        rows.push_back(row_from(call_id, leg.key, stream));
      }
    }
  }
  return rows;
}

void print_stream_table(const std::vector<StreamRow>& rows, std::ostream& out) {
  char line[320];
  std::snprintf(line, sizeof line, "%-24s %-14s %6s %-22s %10s %12s %7s %7s %8s %9s\n", "call-id",
                "tag", "port", "endpoint", "packets", "bytes", "errors", "lost", "jitter", "pps");
  out << line;
  for (const StreamRow& r : rows) {
    std::string lost = r.lost ? std::to_string(*r.lost) : "-";
    std::string jitter = r.jitter_ms ? std::to_string(*r.jitter_ms) + "ms" : "-";
    std::snprintf(line, sizeof line, "%-24.24s %-14.14s %6lld %-22.22s %10lld %12lld %7lld %7s %8s %9.1f\n",
                  r.call_id.c_str(), r.tag.c_str(), static_cast<long long>(r.local_port),
                  r.endpoint.empty() ? "-" : r.endpoint.c_str(), static_cast<long long>(r.packets),
                  static_cast<long long>(r.bytes), static_cast<long long>(r.errors), lost.c_str(),
                  jitter.c_str(), r.packet_rate);
    out << line;
  }
}

}  // namespace rr::relayctl
