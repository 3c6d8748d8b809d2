#include "tests/interop/kamailio/sip_helpers.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "tools/ngclient/calls.hpp"

namespace rr::interop {

void fill_template(const std::string& in, const std::string& out,
                   const std::vector<std::pair<std::string, std::string>>& values) {
  std::ifstream source(in);
  if (!source) throw std::runtime_error("cannot read " + in);
  std::stringstream text;
  text << source.rdbuf();
  std::string s = text.str();
  for (const auto& [key, value] : values) {
    const std::string marker = "@" + key + "@";
    for (size_t at = s.find(marker); at != std::string::npos; at = s.find(marker, at + value.size())) {
      s.replace(at, marker.size(), value);
    }
  }
  std::ofstream(out) << s;
}

std::optional<Endpoint> received_sdp_endpoint(const std::string& message_log) {
  std::ifstream in(message_log);
  std::stringstream text;
  text << in.rdbuf();
  const std::string log = text.str();
  // SIPp writes "UDP message received [N] bytes :" before each received message and a
  // dashed line before the next entry.
  constexpr std::string_view kReceived = "message received";
  for (size_t at = log.find(kReceived); at != std::string::npos; at = log.find(kReceived, at + 1)) {
    const size_t end = log.find("\n----------", at);
    const std::string message = log.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (message.find("\nm=audio") == std::string::npos) continue;
    return ngclient::audio_endpoint(message.substr(message.find("\nv=0") + 1));
  }
  return std::nullopt;
}

std::map<std::string, int64_t> rtp_packets_per_tag(const bencode::Value& query_reply) {
  std::map<std::string, int64_t> packets;
  const auto* tags = query_reply.find("tags");
  if (!tags || !tags->as_dict()) return packets;
  for (const auto& [tag, leg] : *tags->as_dict()) {
    int64_t& sum = packets[tag];
    const auto* medias = leg.find("medias");
    for (const auto& media : medias && medias->as_list() ? *medias->as_list() : bencode::List{}) {
      const auto* streams = media.find("streams");
      for (const auto& stream : streams && streams->as_list() ? *streams->as_list() : bencode::List{}) {
        auto flags = stream.get_string_list("flags");
        const bool rtp = flags && std::find(flags->begin(), flags->end(), "RTP") != flags->end();
        const auto* stats = stream.find("stats");
        if (rtp && stats) sum += stats->get_int("packets").value_or(0);
      }
    }
  }
  return packets;
}

}  // namespace rr::interop
