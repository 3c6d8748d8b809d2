#include "tools/ngclient/calls.hpp"

#include <charconv>

namespace rr::ngclient {

std::string g711_sdp(const Endpoint& media, uint64_t session_id) {
  const std::string family = media.address.is_v4() ? "IP4 " : "IP6 ";
  const std::string address = media.address.to_string();
  const std::string session = std::to_string(session_id);
  return "v=0\r\n"
         "o=- " + session + " " + session + " IN " + family + address + "\r\n"
         "s=rtpgen\r\n"
         "c=IN " + family + address + "\r\n"
         "t=0 0\r\n"
         "m=audio " + std::to_string(media.port) + " RTP/AVP 0 8 101\r\n"
         "a=rtpmap:0 PCMU/8000\r\n"
         "a=rtpmap:8 PCMA/8000\r\n"
         "a=rtpmap:101 telephone-event/8000\r\n"
         "a=fmtp:101 0-16\r\n"
         "a=ptime:20\r\n"
         "a=sendrecv\r\n";
}

namespace {

// The dictionary Kamailio's rtpengine module builds for
// rtpengine_offer("replace-origin replace-session-connection ICE=remove RTP/AVP").
bencode::Value call_request(std::string_view command, const CallIds& ids, std::string_view sdp,
                            const IpAddress& received_from) {
  bencode::Value body = bencode::Value::dict();
  body.set("sdp", sdp);
  body.set("ICE", "remove");
  body.set("replace", bencode::List{"origin", "session-connection"});
  body.set("transport-protocol", "RTP/AVP");
  body.set("received-from", bencode::List{received_from.is_v4() ? "IP4" : "IP6", received_from.to_string()});
  body.set("call-id", ids.call_id);
  body.set("from-tag", ids.from_tag);
  if (command == "answer") body.set("to-tag", ids.to_tag);
  body.set("command", command);
  return body;
}

// One SDP line without its "x=" prefix and line end; empty at the end of the text.
std::string_view next_line(std::string_view& sdp) {
  size_t end = sdp.find('\n');
  std::string_view line = sdp.substr(0, end);
  sdp = end == std::string_view::npos ? std::string_view{} : sdp.substr(end + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// "c=IN IP4 1.2.3.4" → the address; ignores TTL/count suffixes ("/127").
std::optional<IpAddress> connection_address(std::string_view value) {
  size_t space = value.rfind(' ');
  if (space == std::string_view::npos) return std::nullopt;
  std::string_view address = value.substr(space + 1);
  address = address.substr(0, address.find('/'));
  return IpAddress::parse(address);
}

// "m=audio 30000 RTP/AVP 0" → 30000.
std::optional<uint16_t> media_port(std::string_view value) {
  constexpr std::string_view kAudio = "audio ";
  if (value.substr(0, kAudio.size()) != kAudio) return std::nullopt;
  value.remove_prefix(kAudio.size());
  uint16_t port = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), port);
  if (ec != std::errc{} || port == 0) return std::nullopt;
  return port;
}

}  // namespace

bencode::Value offer_request(const CallIds& ids, std::string_view sdp, const IpAddress& received_from,
                             std::span<const std::string> direction) {
  bencode::Value body = call_request("offer", ids, sdp, received_from);
  if (!direction.empty()) {
    bencode::List names;
    for (const std::string& name : direction) names.emplace_back(name);
    body.set("direction", std::move(names));
  }
  return body;
}

bencode::Value answer_request(const CallIds& ids, std::string_view sdp, const IpAddress& received_from) {
  return call_request("answer", ids, sdp, received_from);
}

bencode::Value delete_request(const CallIds& ids) {
  bencode::Value body = bencode::Value::dict();
  body.set("call-id", ids.call_id);
  body.set("from-tag", ids.from_tag);
  body.set("command", "delete");
  return body;
}

std::optional<Endpoint> audio_endpoint(std::string_view sdp) {
  std::optional<IpAddress> session_address, media_address;
  std::optional<uint16_t> port;
  enum class Section { session, audio, other_media } section = Section::session;
  while (!sdp.empty()) {
    std::string_view line = next_line(sdp);
    if (line.size() < 2 || line[1] != '=') continue;
    std::string_view value = line.substr(2);
    if (line[0] == 'm') {
      if (port) break;  // only the first audio media
      port = media_port(value);
      section = port ? Section::audio : Section::other_media;
    } else if (line[0] == 'c' && section != Section::other_media) {
      (section == Section::audio ? media_address : session_address) = connection_address(value);
    }
  }
  std::optional<IpAddress> address = media_address ? media_address : session_address;
  if (!port || !address) return std::nullopt;
  return Endpoint{*address, *port};
}

}  // namespace rr::ngclient
