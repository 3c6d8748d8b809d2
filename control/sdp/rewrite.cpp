#include "control/sdp/rewrite.hpp"

#include "control/sdp/attributes.hpp"
#include "control/sdp/fields.hpp"
#include "control/sdp/text.hpp"

namespace rr::sdp {
namespace {

using detail::connection_value;

struct Writer {
  std::string& out;
  std::string_view eol;

  void line(char type, std::string_view value) {
    out += type;
    out += '=';
    out += value;
    out += eol;
  }
  void line(const Line& l) { line(l.type, l.value); }
};

// Lines the plan drops wherever they appear: ICE when asked, and named attributes.
bool is_removed(const Line& line, const RewritePlan& plan) {
  if (line.type != 'a') return false;
  std::string_view name = text::attribute(line.value).name;
  if (plan.remove_ice && detail::is_ice_attribute(name)) return true;
  for (const auto& r : plan.remove_attributes) {
    if (r == name) return true;
  }
  return false;
}

// Media the output carries with a relay port (neither disabled nor rejected by the plan).
bool relayed(const Media& m, const MediaPlan& mp) { return !m.disabled() && mp.rtp_port != 0; }

// The relay address that the session-level c= carries: the first relayed media's.
const IpAddress* session_address(const Sdp& sdp, const RewritePlan& plan) {
  for (size_t i = 0; i < sdp.media.size(); ++i) {
    if (relayed(sdp.media[i], plan.media[i])) return &plan.media[i].address;
  }
  return nullptr;
}

std::string origin_value(const Origin& o, const RewritePlan& plan) {
  std::string version = plan.origin_version ? std::to_string(*plan.origin_version) : o.session_version;
  std::string conn = plan.origin_address
                         ? connection_value(*plan.origin_address)
                         : o.connection.nettype + ' ' + o.connection.addrtype + ' ' + o.connection.address;
  return o.username + ' ' + o.session_id + ' ' + version + ' ' + conn;
}

std::string media_line(const Media& m, const MediaPlan& mp, std::string_view proto) {
  // A port count asks for several consecutive ports; the relay allocates one, so it goes.
  std::string v = m.type + ' ' + std::to_string(mp.rtp_port) + ' ';
  v += proto;
  for (const auto& f : m.formats) v += ' ' + f;
  return v;
}

std::string rtcp_value(const Media& m, const MediaPlan& mp) {
  std::string v = std::to_string(*mp.rtcp_port);
  const IpAddress& rtcp_ip = mp.rtcp_address.value_or(mp.address);
  // RFC 3605: the address is needed when it differs; keep it when the peer wrote one.
  if (rtcp_ip != mp.address || (m.rtcp && m.rtcp->connection)) v += ' ' + connection_value(rtcp_ip);
  return v;
}

void rewrite_media(const Sdp& sdp, const Media& m, const RewritePlan& plan, const MediaPlan& mp,
                   bool need_c, Writer& w) {
  bool rtcp_written = false;
  bool crypto_written = false;
  auto write_crypto = [&] {
    for (const auto& c : *mp.crypto) w.line('a', "crypto:" + c);
    crypto_written = true;
  };
  auto flush_c = [&] {
    if (need_c) w.line('c', connection_value(mp.address));
    need_c = false;
  };
  w.line('m', media_line(m, mp, mp.proto.value_or(m.proto)));
  for (size_t i = m.first_line + 1; i < m.end_line; ++i) {
    const Line& line = sdp.lines[i];
    if (is_removed(line, plan)) continue;
    if (line.type != 'i') flush_c();  // RFC 4566 order: m=, i=, c=
    if (line.type == 'c') {
      w.line('c', connection_value(mp.address));
      continue;
    }
    if (line.type != 'a') {
      w.line(line);
      continue;
    }
    std::string_view name = text::attribute(line.value).name;
    if (name == "rtcp") {
      if (mp.rtcp_port && !rtcp_written) w.line('a', "rtcp:" + rtcp_value(m, mp));
      rtcp_written = true;
    } else if (name == "rtcp-mux") {
      if (mp.rtcp_mux != RtcpMux::remove) w.line(line);
    } else if (name == "crypto" && mp.crypto) {
      if (!crypto_written) write_crypto();
    } else {
      w.line(line);
    }
  }
  flush_c();
  if (mp.crypto && !crypto_written) write_crypto();
  for (const auto& a : mp.add_attributes) w.line('a', a);
  if (mp.rtcp_port && !rtcp_written) w.line('a', "rtcp:" + rtcp_value(m, mp));
  if (mp.rtcp_mux == RtcpMux::add && !m.rtcp_mux) w.line('a', "rtcp-mux");
}

}  // namespace

Result<std::string> rewrite(const Sdp& sdp, const RewritePlan& plan) {
  if (plan.media.size() != sdp.media.size()) {
    return Error{"sdp: rewrite plan has " + std::to_string(plan.media.size()) + " media, SDP has " +
                 std::to_string(sdp.media.size())};
  }
  std::string out;
  out.reserve(sdp.lines.size() * 40 + 256);
  Writer w{out, sdp.ending == LineEnding::crlf ? "\r\n" : "\n"};
  const IpAddress* session_ip = session_address(sdp, plan);

  bool media_rely_on_session_c = false;
  for (size_t k = 0; k < sdp.media.size(); ++k) {
    media_rely_on_session_c |= relayed(sdp.media[k], plan.media[k]) && !sdp.media[k].connection;
  }
  const bool replace_session_c =
      session_ip && sdp.connection && (plan.replace_session_connection || media_rely_on_session_c);

  for (size_t i = 0; i < sdp.session_end(); ++i) {
    const Line& line = sdp.lines[i];
    if (is_removed(line, plan)) continue;
    if (line.type == 'o' && (plan.origin_address || plan.origin_version)) {
      w.line('o', origin_value(sdp.origin, plan));
    } else if (line.type == 'c' && replace_session_c) {
      w.line('c', connection_value(*session_ip));
    } else {
      w.line(line);
    }
  }

  for (size_t k = 0; k < sdp.media.size(); ++k) {
    const Media& m = sdp.media[k];
    if (!relayed(m, plan.media[k])) {
      // A media the plan rejects keeps everything but its port, like one that came in disabled.
      size_t i = m.first_line;
      if (!m.disabled()) w.line('m', media_line(m, MediaPlan{}, m.proto)), ++i;
      for (; i < m.end_line; ++i) {
        if (!is_removed(sdp.lines[i], plan)) w.line(sdp.lines[i]);
      }
      continue;
    }
    const MediaPlan& mp = plan.media[k];
    // A media without its own c= needs one when the session c= does not carry its address.
    const bool need_c = !m.connection && !(replace_session_c && *session_ip == mp.address);
    rewrite_media(sdp, m, plan, mp, need_c, w);
  }
  return out;
}

}  // namespace rr::sdp
