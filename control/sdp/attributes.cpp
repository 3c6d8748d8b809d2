#include "control/sdp/attributes.hpp"

#include <array>

#include "control/sdp/fields.hpp"
#include "control/sdp/text.hpp"

namespace rr::sdp::detail {
namespace {

// a=rtpmap:<pt> <encoding>/<clock rate>[/<channels>]
const char* parse_rtpmap(std::string_view value, Rtpmap& out) {
  auto f = text::fields(value);
  if (f.size() != 2) return "bad rtpmap";
  auto pt = text::number<uint8_t>(f[0]);
  if (!pt || *pt > 127) return "bad rtpmap payload type";
  std::string_view spec = f[1];
  size_t slash = spec.find('/');
  if (slash == 0 || slash == std::string_view::npos) return "bad rtpmap encoding";
  std::string_view rest = spec.substr(slash + 1);
  size_t slash2 = rest.find('/');
  auto rate = text::number<uint32_t>(rest.substr(0, slash2));
  if (!rate || *rate == 0) return "bad rtpmap clock rate";
  if (slash2 != std::string_view::npos) {
    auto channels = text::number<uint16_t>(rest.substr(slash2 + 1));
    if (!channels || *channels == 0) return "bad rtpmap channels";
    out.channels = *channels;
  }
  out.payload_type = *pt;
  out.encoding = spec.substr(0, slash);
  out.clock_rate = *rate;
  return nullptr;
}

// a=fmtp:<pt> <parameters>
const char* parse_fmtp(std::string_view value, Fmtp& out) {
  size_t space = value.find(' ');
  auto pt = text::number<uint8_t>(value.substr(0, space));
  if (!pt || *pt > 127) return "bad fmtp payload type";
  out.payload_type = *pt;
  if (space != std::string_view::npos) out.parameters = value.substr(space + 1);
  return nullptr;
}

// a=rtcp:<port> [<nettype> <addrtype> <address>]
const char* parse_rtcp(std::string_view value, Rtcp& out) {
  auto f = text::fields(value);
  if (f.size() != 1 && f.size() != 4) return "bad rtcp";
  auto port = text::number<uint16_t>(f[0]);
  if (!port) return "bad rtcp port";
  out.port = *port;
  if (f.size() == 4) {
    Connection c;
    if (const char* err = parse_connection(f[1], f[2], f[3], c)) return err;
    out.connection = std::move(c);
  }
  return nullptr;
}

// ICE attributes valid at both levels; false when `name` is not one of them.
bool apply_ice(std::string_view name, std::string_view value, Ice& ice) {
  if (name == "ice-ufrag") ice.ufrag = value;
  else if (name == "ice-pwd") ice.pwd = value;
  else if (name == "ice-options") ice.options = value;
  else if (name == "ice-lite") ice.lite = true;
  else return false;
  return true;
}

}  // namespace

std::optional<Direction> direction_from(std::string_view name) {
  if (name == "sendrecv") return Direction::sendrecv;
  if (name == "sendonly") return Direction::sendonly;
  if (name == "recvonly") return Direction::recvonly;
  if (name == "inactive") return Direction::inactive;
  return std::nullopt;
}

bool is_ice_attribute(std::string_view name) {
  static constexpr std::array<std::string_view, 8> kIce = {
      "ice-ufrag", "ice-pwd", "ice-options", "ice-lite", "ice-mismatch",
      "candidate", "remote-candidates", "end-of-candidates"};
  for (auto n : kIce) {
    if (n == name) return true;
  }
  return false;
}

const char* apply_session_attribute(std::string_view value, Sdp& sdp) {
  auto [name, arg] = text::attribute(value);
  if (auto d = direction_from(name)) sdp.direction = *d;
  else apply_ice(name, arg, sdp.ice);
  return nullptr;
}

const char* apply_media_attribute(std::string_view value, Media& media) {
  auto [name, arg] = text::attribute(value);
  if (name == "rtpmap") {
    Rtpmap map;
    if (const char* err = parse_rtpmap(arg, map)) return err;
    media.rtpmaps.push_back(std::move(map));
  } else if (name == "fmtp") {
    Fmtp fmtp;
    if (const char* err = parse_fmtp(arg, fmtp)) return err;
    media.fmtps.push_back(std::move(fmtp));
  } else if (name == "ptime") {
    media.ptime = text::number<uint32_t>(arg);
    if (!media.ptime) return "bad ptime";
  } else if (name == "rtcp") {
    Rtcp rtcp;
    if (const char* err = parse_rtcp(arg, rtcp)) return err;
    media.rtcp = std::move(rtcp);
  } else if (name == "rtcp-mux") {
    media.rtcp_mux = true;
  } else if (auto d = direction_from(name)) {
    media.direction = *d;
  } else if (name == "candidate") {
    media.ice.candidates.emplace_back(arg);
  } else if (name == "remote-candidates") {
    media.ice.remote_candidates = arg;
  } else if (name == "end-of-candidates") {
    media.ice.end_of_candidates = true;
  } else if (name == "crypto") {
    media.crypto.emplace_back(arg);
  } else if (name == "mid") {
    media.mid = arg;
  } else {
    apply_ice(name, arg, media.ice);
  }
  return nullptr;
}

}  // namespace rr::sdp::detail
