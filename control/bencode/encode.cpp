#include "control/bencode/encode.hpp"

namespace rr::bencode {
namespace {

void encode_string(std::string_view s, std::string& out) {
  out += std::to_string(s.size());
  out += ':';
  out += s;
}

}  // namespace

void encode(const Value& value, std::string& out) {
  if (const int64_t* i = value.as_int()) {
    out += 'i';
    out += std::to_string(*i);
    out += 'e';
  } else if (const std::string* s = value.as_string()) {
    encode_string(*s, out);
  } else if (const List* l = value.as_list()) {
    out += 'l';
    for (const Value& item : *l) encode(item, out);
    out += 'e';
  } else if (const Dict* d = value.as_dict()) {
    out += 'd';
    for (const DictEntry& e : *d) {
      encode_string(e.key, out);
      encode(e.value, out);
    }
    out += 'e';
  }
}

std::string encode(const Value& value) {
  std::string out;
  encode(value, out);
  return out;
}

}  // namespace rr::bencode
