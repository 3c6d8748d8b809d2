#include "control/bencode/encode.hpp"

#include <charconv>

namespace rr::bencode {
namespace {

// Decimal digits straight into `out`: std::to_string's temporaries were a visible share
// of the ng thread's encode time.
void append_number(std::string& out, int64_t n) {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, n);
  out.append(digits, end);
}

size_t number_size(int64_t n) {
  char digits[24];
  return static_cast<size_t>(std::to_chars(digits, digits + sizeof digits, n).ptr - digits);
}

void encode_string(std::string_view s, std::string& out) {
  append_number(out, static_cast<int64_t>(s.size()));
  out += ':';
  out += s;
}

size_t string_size(std::string_view s) {
  return number_size(static_cast<int64_t>(s.size())) + 1 + s.size();
}

}  // namespace

void encode(const Value& value, std::string& out) {
  if (const int64_t* i = value.as_int()) {
    out += 'i';
    append_number(out, *i);
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
  out.reserve(encoded_size(value));
  encode(value, out);
  return out;
}

size_t encoded_size(const Value& value) {
  if (const int64_t* i = value.as_int()) return number_size(*i) + 2;
  if (const std::string* s = value.as_string()) return string_size(*s);
  size_t size = 2;  // 'l' or 'd' ... 'e'
  if (const List* l = value.as_list()) {
    for (const Value& item : *l) size += encoded_size(item);
  } else if (const Dict* d = value.as_dict()) {
    for (const DictEntry& e : *d) size += string_size(e.key) + encoded_size(e.value);
  }
  return size;
}

}  // namespace rr::bencode
