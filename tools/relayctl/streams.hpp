// Stream rows pulled out of an ng "query" reply (rtpengine's shape: tags -> medias ->
// streams -> stats), for relayctl's query table and for top.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "control/bencode/value.hpp"

namespace rr::relayctl {

struct StreamRow {
  std::string call_id;
  std::string tag;             // the leg's from-tag or to-tag
  int64_t local_port = 0;
  std::string endpoint;        // the peer's address:port, empty before anything arrived
  int64_t packets = 0;
  int64_t bytes = 0;
  int64_t errors = 0;
  // Quality, when the relay reports it in the stream's stats ("lost", "jitter" in ms);
  // rtpengine keeps these per SSRC instead, so they are absent against rtpengine.
  std::optional<int64_t> lost;
  std::optional<int64_t> jitter_ms;
  double packet_rate = 0;      // filled by top from two samples

  std::string key() const { return call_id + "/" + tag + "/" + std::to_string(local_port); }
};

// Missing or mistyped keys leave the row's defaults: a reply is hostile input too.
std::vector<StreamRow> stream_rows(std::string_view call_id, const bencode::Value& query_reply);

void print_stream_table(const std::vector<StreamRow>& rows, std::ostream& out);

}  // namespace rr::relayctl
