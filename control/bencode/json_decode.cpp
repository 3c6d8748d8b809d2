#include "control/bencode/json.hpp"

#include <charconv>
#include <cstring>

#include "control/bencode/decoder_base.hpp"

namespace rr::bencode {
namespace {

// Recursive descent over RFC 8259 with the type mapping documented in json.hpp.
// Recursion is bounded by Limits::max_depth.
class JsonDecoder : detail::DecoderBase {
 public:
  JsonDecoder(std::string_view in, const Limits& limits) : DecoderBase("json", in, limits) {}

  DecodeResult run() {
    DecodeResult r;
    if (in_.size() > limits_.max_size) return fail("input too large", 0);
    bool absent = false;
    skip_space();
    if (!parse_value(r.value, 0, absent)) return failed();
    if (absent) return fail("null at top level", 0);
    skip_space();
    if (pos_ != in_.size()) return fail("trailing data", pos_);
    return r;
  }

 private:

  void skip_space() {
    while (pos_ < in_.size() && std::strchr(" \t\r\n", in_[pos_]) != nullptr && in_[pos_] != 0)
      ++pos_;
  }

  bool literal(std::string_view word) {
    if (in_.substr(pos_, word.size()) != word) return error("invalid literal", pos_);
    pos_ += word.size();
    return true;
  }

  bool parse_value(Value& out, size_t depth, bool& absent) {
    if (!count_item()) return false;
    if (pos_ >= in_.size()) return error("unexpected end", pos_);
    absent = false;
    switch (in_[pos_]) {
      case '{':
      case '[':
        if (too_deep(depth)) return false;
        return in_[pos_] == '{' ? parse_object(out, depth) : parse_array(out, depth);
      case '"': {
        std::string s;
        if (!parse_string(s)) return false;
        out = Value(std::move(s));
        return true;
      }
      case 't': out = Value(1); return literal("true");
      case 'f': out = Value(0); return literal("false");
      case 'n': absent = true; return literal("null");
      default: return parse_number(out);
    }
  }

  bool parse_number(Value& out) {
    size_t start = pos_;
    if (pos_ < in_.size() && in_[pos_] == '-') ++pos_;
    size_t digits = pos_;
    while (pos_ < in_.size() && in_[pos_] >= '0' && in_[pos_] <= '9') ++pos_;
    if (pos_ == digits) return error("unexpected character", start);
    if (pos_ - digits > 1 && in_[digits] == '0') return error("leading zero", start);
    if (pos_ < in_.size() && std::strchr(".eE", in_[pos_]) != nullptr && in_[pos_] != 0)
      return error("non-integer number", start);
    int64_t v = 0;
    auto [p, ec] = std::from_chars(in_.data() + start, in_.data() + pos_, v);
    if (ec != std::errc{} || p != in_.data() + pos_) return error("number out of range", start);
    out = Value(v);
    return true;
  }

  bool hex4(uint32_t& out) {
    if (in_.size() - pos_ < 4) return error("truncated unicode escape", pos_);
    out = 0;
    for (int n = 0; n < 4; ++n) {
      char c = in_[pos_++];
      uint32_t d = (c >= '0' && c <= '9')   ? c - '0'
                   : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                   : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                            : 16;
      if (d == 16) return error("invalid unicode escape", pos_ - 1);
      out = out << 4 | d;
    }
    return true;
  }

  static void append_utf8(uint32_t cp, std::string& out) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xc0 | cp >> 6);
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xe0 | cp >> 12);
      out += static_cast<char>(0x80 | (cp >> 6 & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
      out += static_cast<char>(0xf0 | cp >> 18);
      out += static_cast<char>(0x80 | (cp >> 12 & 0x3f));
      out += static_cast<char>(0x80 | (cp >> 6 & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    }
  }

  bool parse_unicode_escape(std::string& out) {
    size_t start = pos_ - 2;  // at the backslash
    uint32_t cp = 0;
    if (!hex4(cp)) return false;
    if (cp >= 0xdc00 && cp <= 0xdfff) return error("lone surrogate", start);
    if (cp >= 0xd800 && cp <= 0xdbff) {
      uint32_t low = 0;
      if (in_.substr(pos_, 2) != "\\u") return error("lone surrogate", start);
      pos_ += 2;
      if (!hex4(low)) return false;
      if (low < 0xdc00 || low > 0xdfff) return error("lone surrogate", start);
      cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
    }
    append_utf8(cp, out);
    return true;
  }

  bool parse_string(std::string& out) {
    size_t start = pos_++;  // opening quote
    while (true) {
      // Append the run of plain bytes at once: SDP bodies are mostly such runs.
      size_t run = pos_;
      while (run < in_.size() && in_[run] != '"' && in_[run] != '\\' &&
             static_cast<unsigned char>(in_[run]) >= 0x20)
        ++run;
      out.append(in_, pos_, run - pos_);
      pos_ = run;
      if (pos_ >= in_.size()) return error("unterminated string", start);
      char c = in_[pos_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return error("control character in string", pos_ - 1);
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= in_.size()) return error("unterminated string", start);
      char e = in_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u':
          if (!parse_unicode_escape(out)) return false;
          break;
        default: return error("invalid escape", pos_ - 2);
      }
    }
  }

  // Shared loop of objects and arrays: elements separated by commas up to `close`.
  template <class Element>
  bool parse_sequence(char close, const char* unterminated, Element element) {
    size_t start = pos_++;
    skip_space();
    if (pos_ < in_.size() && in_[pos_] == close) {
      ++pos_;
      return true;
    }
    while (true) {
      if (!element()) return false;
      skip_space();
      if (pos_ >= in_.size()) return error(unterminated, start);
      char c = in_[pos_++];
      if (c == close) return true;
      if (c != ',') return error("expected ',' or end", pos_ - 1);
      skip_space();
    }
  }

  bool parse_array(Value& out, size_t depth) {
    List list;
    bool ok = parse_sequence(']', "unterminated array", [&] {
      Value item;
      bool absent = false;
      if (!parse_value(item, depth + 1, absent)) return false;
      if (!absent) list.push_back(std::move(item));
      return true;
    });
    if (ok) out = Value(std::move(list));
    return ok;
  }

  bool parse_object(Value& out, size_t depth) {
    size_t start = pos_;
    Dict dict;
    bool ok = parse_sequence('}', "unterminated object", [&] {
      if (pos_ >= in_.size() || in_[pos_] != '"') return error("object key is not a string", pos_);
      DictEntry entry;
      if (!parse_string(entry.key)) return false;
      skip_space();
      if (pos_ >= in_.size() || in_[pos_] != ':') return error("expected ':'", pos_);
      ++pos_;
      skip_space();
      bool absent = false;
      if (!parse_value(entry.value, depth + 1, absent)) return false;
      if (!absent) dict.push_back(std::move(entry));
      return true;
    });
    if (!ok) return false;
    if (has_duplicate_key(dict)) return error("duplicate object key", start);
    out = Value(std::move(dict));
    return true;
  }
};

}  // namespace

DecodeResult decode_json(std::string_view input, const Limits& limits) {
  return JsonDecoder(input, limits).run();
}

}  // namespace rr::bencode
