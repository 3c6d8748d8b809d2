// The SDP model (RFC 4566): every line kept raw and in order, with the fields the
// relay needs parsed on top. parse() is a pure function over untrusted text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "control/sdp/result.hpp"
#include "relay/packet/address.hpp"

namespace rr::sdp {

// Bounds on hostile input; real offers are a few KiB with a handful of m= lines.
inline constexpr size_t kMaxSdpBytes = 64 * 1024;
inline constexpr size_t kMaxLineBytes = 4096;
inline constexpr size_t kMaxMedia = 32;

enum class LineEnding : uint8_t { crlf, lf };  // output uses what the input used

struct Line {
  char type = 0;      // 'v', 'o', 'm', 'a', ...
  std::string value;  // everything after "x=", without the line ending
};

// c= (or the address part of o= and a=rtcp). `ip` is empty for FQDNs.
struct Connection {
  std::string nettype;   // "IN"
  std::string addrtype;  // "IP4" / "IP6"
  std::string address;   // as written, without a multicast /ttl suffix
  std::optional<IpAddress> ip;
};

struct Origin {
  std::string username, session_id, session_version;
  Connection connection;
};

// One a= line split at its first colon; `value` is empty for flags like a=rtcp-mux.
struct Attribute {
  std::string name, value;
};

enum class Direction : uint8_t { sendrecv, sendonly, recvonly, inactive };

struct Rtpmap {
  uint8_t payload_type = 0;
  std::string encoding;  // "PCMU", "opus", ...
  uint32_t clock_rate = 0;
  uint16_t channels = 1;
};

struct Fmtp {
  uint8_t payload_type = 0;
  std::string parameters;  // raw: codec specific
};

// a=rtcp (RFC 3605): the port, and an address when RTCP goes elsewhere than c=.
struct Rtcp {
  uint16_t port = 0;
  std::optional<Connection> connection;
};

// ICE attributes of one level (session or media), kept raw.
struct Ice {
  std::string ufrag, pwd, options;
  bool lite = false;
  std::vector<std::string> candidates;        // a=candidate values
  std::string remote_candidates;              // a=remote-candidates value
  bool end_of_candidates = false;
};

struct Media {
  size_t first_line = 0;  // index of the m= line in Sdp::lines
  size_t end_line = 0;    // one past the section's last line
  std::string type;       // "audio", "video", "application", ...
  uint16_t port = 0;      // 0: disabled (rejected or removed) media
  std::optional<uint16_t> port_count;
  std::string proto;      // "RTP/AVP", "RTP/SAVPF", "UDP/TLS/RTP/SAVPF", ...
  std::vector<std::string> formats;
  std::optional<Connection> connection;  // media-level c=; absent: the session one applies
  std::vector<std::string> bandwidth;    // b= values, raw
  std::vector<Rtpmap> rtpmaps;
  std::vector<Fmtp> fmtps;
  std::optional<uint32_t> ptime;
  std::optional<Rtcp> rtcp;
  bool rtcp_mux = false;
  Direction direction = Direction::sendrecv;  // effective: session default if none given
  Ice ice;
  std::vector<std::string> crypto;  // a=crypto values, raw (control/sdes parses them)
  std::string mid;
  std::vector<Attribute> attributes;  // every a= line of the section, in order

  bool disabled() const { return port == 0; }
};

struct Sdp {
  LineEnding ending = LineEnding::crlf;
  std::vector<Line> lines;  // all of them, in order; media sections index into it
  Origin origin;
  std::string session_name;
  std::optional<Connection> connection;  // session-level c=
  std::vector<std::string> bandwidth;    // session-level b=
  std::vector<std::string> timing;       // t= values
  Direction direction = Direction::sendrecv;  // session-level default
  Ice ice;                                    // session-level ICE
  std::vector<Attribute> attributes;          // every session-level a= line, in order
  std::vector<Media> media;

  size_t session_end() const { return media.empty() ? lines.size() : media.front().first_line; }
};

// Parses untrusted SDP (CRLF or bare LF). Errors name the line: "sdp: m= line 3: bad port".
Result<Sdp> parse(std::string_view text);

}  // namespace rr::sdp
