#include "control/bencode/json.hpp"

namespace rr::bencode {
namespace {

bool needs_escape(char c) { return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20; }

void encode_json_string(std::string_view s, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  size_t i = 0;
  while (i < s.size()) {
    // Copy the run that needs no escaping in one append: SDP bodies are mostly such runs.
    size_t run = i;
    while (run < s.size() && !needs_escape(s[run])) ++run;
    out.append(s, i, run - i);
    if (run == s.size()) break;
    char c = s[run];
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[(c >> 4) & 0xf];
        out += kHex[c & 0xf];
    }
    i = run + 1;
  }
  out += '"';
}

}  // namespace

void encode_json(const Value& value, std::string& out) {
  if (const int64_t* i = value.as_int()) {
    out += std::to_string(*i);
  } else if (const std::string* s = value.as_string()) {
    encode_json_string(*s, out);
  } else if (const List* l = value.as_list()) {
    out += '[';
    for (size_t n = 0; n < l->size(); ++n) {
      if (n > 0) out += ',';
      encode_json((*l)[n], out);
    }
    out += ']';
  } else if (const Dict* d = value.as_dict()) {
    out += '{';
    for (size_t n = 0; n < d->size(); ++n) {
      if (n > 0) out += ',';
      encode_json_string((*d)[n].key, out);
      out += ':';
      encode_json((*d)[n].value, out);
    }
    out += '}';
  }
}

std::string encode_json(const Value& value) {
  std::string out;
  encode_json(value, out);
  return out;
}

}  // namespace rr::bencode
