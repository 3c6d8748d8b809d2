#include "control/bencode/decode.hpp"

#include "control/bencode/decoder_base.hpp"

#include <algorithm>
#include <charconv>

namespace rr::bencode {
namespace {

// Room reserved up front, so that a request's containers do not grow one reallocation at a
// time (malloc/free were a fifth of the ng thread, bench/control/README.md): a Kamailio offer
// has 9-12 top-level keys; nested lists ("replace", "received-from", "flags") a few items.
// Larger blocks miss glibc's per-thread cache and cost _int_malloc and malloc_consolidate.
constexpr size_t kRequestReserve = 12;  // 12 x 72 bytes: within glibc's tcache (<= 1032)
constexpr size_t kListReserve = 4;

// Recursive descent; recursion is bounded by Limits::max_depth.
class Decoder : detail::DecoderBase {
 public:
  Decoder(std::string_view in, const Limits& limits) : DecoderBase("bencode", in, limits) {}

  DecodeResult run() {
    DecodeResult r;
    if (in_.size() > limits_.max_size) return fail("input too large", 0);
    if (in_.empty()) return fail("empty input", 0);
    if (!parse_value(r.value, 0)) return failed();
    if (pos_ != in_.size()) return fail("trailing data", pos_);
    return r;
  }

 private:

  bool parse_value(Value& out, size_t depth) {
    if (!count_item()) return false;
    if (pos_ >= in_.size()) return error("unexpected end", pos_);
    char c = in_[pos_];
    if (c == 'i') return parse_int(out);
    if (c >= '0' && c <= '9') {
      std::string s;
      if (!parse_string(s)) return false;
      out = Value(std::move(s));
      return true;
    }
    if (c == 'l' || c == 'd') {
      if (too_deep(depth)) return false;
      return c == 'l' ? parse_list(out, depth) : parse_dict(out, depth);
    }
    return error("unexpected character", pos_);
  }

  // Digits of an integer or a string length, canonical: no leading zeros, "-0" refused.
  bool parse_digits(int64_t& out, bool allow_negative, char terminator) {
    size_t start = pos_;
    size_t end = in_.find(terminator, pos_);
    if (end == std::string_view::npos) return error("unterminated number", start);
    std::string_view digits = in_.substr(pos_, end - pos_);
    bool negative = !digits.empty() && digits[0] == '-';
    std::string_view magnitude = negative ? digits.substr(1) : digits;
    if (magnitude.empty() || (negative && !allow_negative)) return error("invalid number", start);
    if (magnitude.size() > 1 && magnitude[0] == '0') return error("leading zero", start);
    if (negative && magnitude == "0") return error("negative zero", start);
    if (!std::all_of(magnitude.begin(), magnitude.end(), [](char d) { return d >= '0' && d <= '9'; }))
      return error("invalid number", start);
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
    if (ec != std::errc{} || p != digits.data() + digits.size())
      return error("number out of range", start);
    pos_ = end + 1;
    return true;
  }

  bool parse_int(Value& out) {
    ++pos_;  // 'i'
    int64_t v = 0;
    if (!parse_digits(v, true, 'e')) return false;
    out = Value(v);
    return true;
  }

  bool parse_string(std::string& out) {
    size_t start = pos_;
    int64_t len = 0;
    if (!parse_digits(len, false, ':')) return false;
    if (static_cast<uint64_t>(len) > in_.size() - pos_) return error("unterminated string", start);
    out.assign(in_.substr(pos_, static_cast<size_t>(len)));
    pos_ += static_cast<size_t>(len);
    return true;
  }

  bool parse_list(Value& out, size_t depth) {
    ++pos_;  // 'l'
    List list;
    list.reserve(kListReserve);
    while (true) {
      if (pos_ >= in_.size()) return error("unterminated list", pos_);
      if (in_[pos_] == 'e') break;
      list.emplace_back();
      if (!parse_value(list.back(), depth + 1)) return false;
    }
    ++pos_;
    out = Value(std::move(list));
    return true;
  }

  bool parse_dict(Value& out, size_t depth) {
    size_t start = pos_++;  // 'd'
    Dict dict;
    dict.reserve(depth == 0 ? kRequestReserve : kListReserve);
    while (true) {
      if (pos_ >= in_.size()) return error("unterminated dictionary", pos_);
      if (in_[pos_] == 'e') break;
      if (in_[pos_] < '0' || in_[pos_] > '9') return error("dictionary key is not a string", pos_);
      if (!count_item()) return false;
      DictEntry entry;
      if (!parse_string(entry.key)) return false;
      if (!parse_value(entry.value, depth + 1)) return false;
      dict.push_back(std::move(entry));
    }
    ++pos_;
    if (has_duplicate_key(dict)) return error("duplicate dictionary key", start);
    out = Value(std::move(dict));
    return true;
  }
};

}  // namespace

DecodeResult decode(std::string_view input, const Limits& limits) {
  return Decoder(input, limits).run();
}

}  // namespace rr::bencode
