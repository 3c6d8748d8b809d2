#include <algorithm>
#include <string>

#include "control/sdp/attributes.hpp"
#include "control/sdp/fields.hpp"
#include "control/sdp/sdp.hpp"
#include "control/sdp/text.hpp"

namespace rr::sdp {
namespace {

Error fail(size_t number, char type, std::string_view what) {
  std::string msg = "sdp: ";
  if (type != 0) msg += std::string(1, type) + "= ";
  msg += "line " + std::to_string(number) + ": ";
  msg += what;
  return Error{std::move(msg)};
}

bool is_blank(std::string_view rest) {
  return rest.find_first_not_of("\r\n \t") == std::string_view::npos;
}

// Checks the "<letter>=<value>" shape; returns an error text or nullptr.
const char* check_line(std::string_view raw) {
  if (raw.size() > kMaxLineBytes) return "line too long";
  if (raw.size() < 2 || raw[0] < 'a' || raw[0] > 'z' || raw[1] != '=') return "malformed line";
  for (char c : raw) {
    if (c == '\r' || c == '\0') return "control character in line";
  }
  return nullptr;
}

void add_attribute(std::string_view value, std::vector<Attribute>& out) {
  auto [name, arg] = text::attribute(value);
  if (out.capacity() == 0) out.reserve(8);  // a media section's a= lines, in one allocation
  out.push_back(Attribute{std::string(name), std::string(arg)});
}

// Fills the model from one line; `media` is null in the session section.
const char* apply_line(char type, std::string_view value, Sdp& sdp, Media* media) {
  using namespace detail;
  if (media == nullptr) {
    switch (type) {
      case 'o': return parse_origin(value, sdp.origin);
      case 's': sdp.session_name = value; return nullptr;
      case 'c':
        if (sdp.connection) return "second c= line";
        return parse_connection_line(value, sdp.connection.emplace());
      case 'b': sdp.bandwidth.emplace_back(value); return nullptr;
      case 't': sdp.timing.emplace_back(value); return nullptr;
      case 'a':
        add_attribute(value, sdp.attributes);
        return apply_session_attribute(value, sdp);
      default: return nullptr;
    }
  }
  switch (type) {
    case 'c':
      // Several c= lines in one media are multicast layering; a unicast relay has no use for it.
      if (media->connection) return "second c= line";
      return parse_connection_line(value, media->connection.emplace());
    case 'b': media->bandwidth.emplace_back(value); return nullptr;
    case 'a':
      add_attribute(value, media->attributes);
      return apply_media_attribute(value, *media);
    case 'o': return "not allowed in a media section";
    default: return nullptr;
  }
}

}  // namespace

Result<Sdp> parse(std::string_view text) {
  if (text.size() > kMaxSdpBytes) return Error{"sdp: larger than 64 KiB"};
  Sdp sdp;
  // One allocation for the line table instead of a regrowth every power of two.
  sdp.lines.reserve(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
  bool have_origin = false;
  size_t number = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t newline = text.find('\n', pos);
    std::string_view raw = text.substr(pos, newline == std::string_view::npos ? newline : newline - pos);
    pos = newline == std::string_view::npos ? text.size() : newline + 1;
    ++number;
    bool cr = !raw.empty() && raw.back() == '\r';
    if (cr) raw.remove_suffix(1);
    if (number == 1) sdp.ending = (cr || newline == std::string_view::npos) ? LineEnding::crlf : LineEnding::lf;
    if (raw.empty()) {
      if (is_blank(text.substr(pos))) break;  // trailing blank lines from some stacks
      return fail(number, 0, "empty line");
    }
    if (const char* err = check_line(raw)) return fail(number, 0, err);
    const char type = raw[0];
    const std::string_view value = raw.substr(2);
    if (number == 1 && (type != 'v' || value != "0")) return fail(number, type, "expected v=0");
    if (type == 'v' && number != 1) return fail(number, type, "second v= line");
    if (type == 'o' && (have_origin || !sdp.media.empty())) return fail(number, type, "second o= line");
    have_origin |= type == 'o';

    if (type == 'm') {
      if (sdp.media.size() == kMaxMedia) return fail(number, type, "too many m= lines");
      if (!sdp.media.empty()) sdp.media.back().end_line = sdp.lines.size();
      Media& media = sdp.media.emplace_back();
      media.first_line = sdp.lines.size();
      media.direction = sdp.direction;  // session attributes all precede the first m=
      if (const char* err = detail::parse_media_line(value, media)) return fail(number, type, err);
    } else if (const char* err = apply_line(type, value, sdp, sdp.media.empty() ? nullptr : &sdp.media.back())) {
      return fail(number, type, err);
    }
    sdp.lines.push_back(Line{type, std::string(value)});
  }
  if (sdp.lines.empty()) return Error{"sdp: empty"};
  if (!have_origin) return Error{"sdp: missing o= line"};
  if (!sdp.media.empty()) sdp.media.back().end_line = sdp.lines.size();
  return sdp;
}

}  // namespace rr::sdp
