#include "control/sdp/fields.hpp"

#include "control/sdp/text.hpp"

namespace rr::sdp::detail {

const char* parse_connection(std::string_view nettype, std::string_view addrtype,
                             std::string_view address, Connection& out) {
  if (nettype != "IN") return "unknown network type";
  if (addrtype != "IP4" && addrtype != "IP6") return "unknown address type";
  // Multicast "/ttl[/count]" suffixes are dropped: the relay only speaks unicast.
  address = address.substr(0, address.find('/'));
  if (address.empty()) return "empty address";
  out.nettype = nettype;
  out.addrtype = addrtype;
  out.address = address;
  out.ip = IpAddress::parse(address);
  if (out.ip && (out.ip->is_v4() != (addrtype == "IP4"))) return "address does not match type";
  if (!out.ip && address.find(':') != std::string_view::npos) return "bad address";
  return nullptr;
}

const char* parse_connection_line(std::string_view value, Connection& out) {
  auto f = text::fields(value);
  if (f.size() != 3) return "expected <nettype> <addrtype> <address>";
  return parse_connection(f[0], f[1], f[2], out);
}

const char* parse_origin(std::string_view value, Origin& out) {
  auto f = text::fields(value);
  if (f.size() != 6) return "expected 6 fields";
  out.username = f[0];
  out.session_id = f[1];
  out.session_version = f[2];
  if (!text::number<uint64_t>(f[2])) return "bad session version";
  return parse_connection(f[3], f[4], f[5], out.connection);
}

const char* parse_media_line(std::string_view value, Media& out) {
  auto f = text::fields(value);
  if (f.size() < 3) return "expected <media> <port> <proto> <formats>";
  out.type = f[0];
  std::string_view port = f[1];
  if (size_t slash = port.find('/'); slash != std::string_view::npos) {
    out.port_count = text::number<uint16_t>(port.substr(slash + 1));
    if (!out.port_count || *out.port_count == 0) return "bad port count";
    port = port.substr(0, slash);
  }
  auto number = text::number<uint16_t>(port);
  if (!number) return "bad port";
  out.port = *number;
  out.proto = f[2];
  // RFC 4566 wants at least one format; rejected (port 0) media from some peers has none.
  if (f.size() == 3 && out.port != 0) return "no formats";
  out.formats.assign(f.begin() + 3, f.end());
  return nullptr;
}

std::string connection_value(const IpAddress& ip) {
  return (ip.is_v4() ? "IN IP4 " : "IN IP6 ") + ip.to_string();
}

}  // namespace rr::sdp::detail
