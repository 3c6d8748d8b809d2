#include "control/commands/flags.hpp"

#include <array>
#include <cctype>
#include <charconv>

namespace rr::commands {
namespace {

using session::Flags;
using Value = std::optional<std::string_view>;

void warn_unknown(ParsedRequest& r, std::string_view name) {
  r.warnings.push_back("Unknown flag encountered: '" + std::string(name) + "'");
}

void warn_value(ParsedRequest& r, std::string_view name, Value value) {
  r.warnings.push_back("Invalid value for '" + std::string(name) + "': '" +
                       std::string(value.value_or("")) + "'");
}

// A bare boolean flag, or "flag=yes/no/on/off".
template <bool Flags::*Member>
void set_bool(ParsedRequest& r, std::string_view name, Value value) {
  if (!value) {
    r.flags.*Member = true;
    return;
  }
  const std::string v = normalize(*value);
  if (v == "yes" || v == "on" || v == "true" || v == "1")
    r.flags.*Member = true;
  else if (v == "no" || v == "off" || v == "false" || v == "0")
    r.flags.*Member = false;
  else
    warn_value(r, name, value);
}

template <session::RtcpMuxMode Mode>
void set_mux(ParsedRequest& r, std::string_view, Value) {
  r.rtcp_mux = Mode;
}

// A string field of the request (call keys, label, transport-protocol).
template <auto Member>
void set_string(ParsedRequest& r, std::string_view name, Value value) {
  if (value)
    r.*Member = std::string(*value);
  else
    warn_value(r, name, value);
}

void set_ice(ParsedRequest& r, std::string_view name, Value value) {
  const std::string v = normalize(value.value_or(""));
  if (v == "remove") {
    r.ice = session::IceMode::remove;
  } else if (v == "force" || v == "force-relay" || v == "default") {
    r.ice = session::IceMode::force;
    r.warnings.push_back("ICE=" + v + " is not supported: ICE removed");
  } else {
    warn_value(r, name, value);
  }
}

void set_rtcp_mux(ParsedRequest& r, std::string_view name, Value value);

void set_direction(ParsedRequest& r, std::string_view name, Value value) {
  if (value && r.direction.size() < 2)
    r.direction.emplace_back(*value);
  else
    warn_value(r, name, value);
}

void set_family(ParsedRequest& r, std::string_view name, Value value) {
  const std::string v = normalize(value.value_or(""));
  if (v == "ip4")
    r.address_family = Family::v4;
  else if (v == "ip6")
    r.address_family = Family::v6;
  else
    warn_value(r, name, value);
}

void set_media_address(ParsedRequest& r, std::string_view name, Value value) {
  std::optional<IpAddress> ip = value ? IpAddress::parse(*value) : std::nullopt;
  if (ip)
    r.media_address = ip;
  else
    warn_value(r, name, value);
}

std::optional<int64_t> to_int(Value value) {
  if (!value) return std::nullopt;
  int64_t out = 0;
  const char* end = value->data() + value->size();
  auto [ptr, ec] = std::from_chars(value->data(), end, out);
  if (ec != std::errc{} || ptr != end) return std::nullopt;
  return out;
}

void set_tos(ParsedRequest& r, std::string_view name, Value value) {
  std::optional<int64_t> tos = to_int(value);
  if (tos && *tos >= 0 && *tos <= 255)
    r.tos = static_cast<uint8_t>(*tos);
  else
    warn_value(r, name, value);
}

void set_delete_delay(ParsedRequest& r, std::string_view name, Value value) {
  if (std::optional<int64_t> delay = to_int(value))
    r.delete_delay = delay;
  else
    warn_value(r, name, value);
}

void set_replace(ParsedRequest& r, std::string_view name, Value value) {
  const std::string v = normalize(value.value_or(""));
  if (v == "origin")
    r.flags.replace_origin = true;
  else if (v == "session-connection")
    r.flags.replace_session_connection = true;
  else if (v == "sdp-version")
    r.flags.replace_sdp_version = true;
  else
    warn_value(r, name, value);
}

void set_supports(ParsedRequest& r, std::string_view name, Value value) {
  if (normalize(value.value_or("")) == "load-limit")
    r.supports_load_limit = true;
  else
    warn_value(r, name, value);
}

// A suite name as rtpengine compares them: case-insensitive, '-' and '_' alike.
std::optional<srtp::CryptoSuite> suite_named(std::string_view name) {
  const std::string wanted = normalize(name);
  for (const srtp::SuiteInfo& suite : srtp::kSuites)
    if (normalize(suite.sdes_name) == wanted) return suite.suite;
  return std::nullopt;
}

// rtpengine's "SDES" list items, also spelled as "SDES-<item>" flags.
void set_sdes(ParsedRequest& r, std::string_view name, Value value) {
  session::SdesOptions& sdes = r.sdes;
  const std::string v = normalize(value.value_or(""));
  if (v == "off" || v == "no" || v == "disable") {
    sdes.off = true;
  } else if (v == "unencrypted-srtp") {
    sdes.unencrypted_srtp = true;
  } else if (v == "unencrypted-srtcp") {
    sdes.unencrypted_srtcp = true;
  } else if (v == "unauthenticated-srtp") {
    sdes.unauthenticated_srtp = true;
  } else if (v.starts_with("no-") || v.starts_with("only-")) {
    const bool only = v.starts_with("only-");
    const std::optional<srtp::CryptoSuite> suite = suite_named(value->substr(only ? 5 : 3));
    if (!suite) return warn_value(r, name, value);
    (only ? sdes.only : sdes.no).push_back(*suite);
  } else {
    warn_value(r, name, value);
  }
}

void set_record_call(ParsedRequest& r, std::string_view name, Value value) {
  set_bool<&Flags::record_call>(r, name, value);
  if (r.flags.record_call) r.warnings.push_back("Call recording is not supported: ignored");
}

// Keys a client may send that change nothing here; accepted silently.
void ignore(ParsedRequest&, std::string_view, Value) {}

using Apply = void (*)(ParsedRequest&, std::string_view, Value);
struct Option {
  std::string_view name;  // normalized
  Apply apply;
};

constexpr std::array kOptions{
    Option{"trust-address", set_bool<&Flags::trust_address>},
    Option{"sip-source-address", set_bool<&Flags::sip_source_address>},
    Option{"symmetric", set_bool<&Flags::symmetric>},
    Option{"asymmetric", set_bool<&Flags::asymmetric>},
    Option{"strict-source", set_bool<&Flags::strict_source>},
    Option{"port-latching", set_bool<&Flags::port_latching>},
    Option{"media-handover", set_bool<&Flags::media_handover>},
    Option{"fatal", set_bool<&Flags::fatal>},
    Option{"replace-origin", set_bool<&Flags::replace_origin>},
    Option{"replace-session-connection", set_bool<&Flags::replace_session_connection>},
    Option{"replace-sdp-version", set_bool<&Flags::replace_sdp_version>},
    Option{"record-call", set_record_call},
    Option{"rtcp-mux-offer", set_mux<session::RtcpMuxMode::offer>},
    Option{"rtcp-mux-accept", set_mux<session::RtcpMuxMode::accept>},
    Option{"rtcp-mux-demux", set_mux<session::RtcpMuxMode::demux>},
    Option{"rtcp-mux-require", set_mux<session::RtcpMuxMode::require>},
    Option{"rtcp-mux-reject", set_mux<session::RtcpMuxMode::reject>},
    Option{"rtcp-mux", set_rtcp_mux},
    Option{"ice", set_ice},
    Option{"direction", set_direction},
    Option{"address-family", set_family},
    Option{"media-address", set_media_address},
    Option{"transport-protocol", set_string<&session::SdpRequest::transport_protocol>},
    Option{"sdes", set_sdes},
    Option{"label", set_string<&session::SdpRequest::label>},
    Option{"tos", set_tos},
    Option{"delete-delay", set_delete_delay},
    Option{"replace", set_replace},
    Option{"supports", set_supports},
    Option{"call-id", set_string<&session::CallRequest::call_id>},
    Option{"from-tag", set_string<&session::CallRequest::from_tag>},
    Option{"to-tag", set_string<&session::CallRequest::to_tag>},
    Option{"via-branch", set_string<&session::CallRequest::via_branch>},
    Option{"sip-message-type", ignore},
    Option{"loop-protect", ignore},  // we never see our own SDP twice: nothing to protect
};

void set_rtcp_mux(ParsedRequest& r, std::string_view name, Value value) {
  if (!value) return warn_value(r, name, value);
  const std::string flag = "rtcp-mux-" + normalize(*value);
  for (const Option& option : kOptions)
    if (option.name == flag && option.apply != set_rtcp_mux) return option.apply(r, flag, {});
  warn_value(r, name, value);
}

}  // namespace

std::string normalize(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (c == '_' || c == ' ') c = '-';
  }
  return out;
}

void apply_option(ParsedRequest& request, std::string_view name, Value value) {
  const std::string key = normalize(name);
  for (const Option& option : kOptions)
    if (option.name == key) return option.apply(request, name, value);
  if (key.starts_with("sdes-") && !value) return set_sdes(request, name, name.substr(5));
  // rtpengine's "flags" list also carries "replace-origin"-style and "direction=x" entries.
  if (const size_t eq = key.find('='); eq != std::string::npos && !value)
    return apply_option(request, name.substr(0, eq), name.substr(eq + 1));
  warn_unknown(request, name);
}

void apply_rtpp_flags(ParsedRequest& request, std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t start = text.find_first_not_of(" \t\r\n", pos);
    if (start == std::string_view::npos) break;
    const size_t end = std::min(text.find_first_of(" \t\r\n", start), text.size());
    const std::string_view token = text.substr(start, end - start);
    const size_t eq = token.find('=');
    if (eq == std::string_view::npos)
      apply_option(request, token, std::nullopt);
    else
      apply_option(request, token.substr(0, eq), token.substr(eq + 1));
    pos = end;
  }
}

}  // namespace rr::commands
