#include "control/bencode/value.hpp"

#include <algorithm>
#include <charconv>

namespace rr::bencode {
namespace {

constexpr size_t kBuiltDictReserve = 8;
constexpr size_t kBuiltListReserve = 4;

}  // namespace

// Out of line: DictEntry must be complete wherever the variant is built or destroyed.
Value::Value() : data_(std::string{}) {}
Value::Value(int64_t i) : data_(i) {}
Value::Value(int i) : data_(int64_t{i}) {}
Value::Value(std::string s) : data_(std::move(s)) {}
Value::Value(std::string_view s) : data_(std::string(s)) {}
Value::Value(const char* s) : data_(std::string(s)) {}
Value::Value(List l) : data_(std::move(l)) {}
Value::Value(Dict d) : data_(std::move(d)) {}
Value Value::dict() { return Value(Dict{}); }
Value Value::list() { return Value(List{}); }

const Value* Value::find(std::string_view key) const {
  const Dict* d = as_dict();
  if (d == nullptr) return nullptr;
  for (const DictEntry& e : *d) {
    if (e.key == key) return &e.value;
  }
  return nullptr;
}

std::optional<std::string_view> Value::get_string(std::string_view key) const {
  const Value* v = find(key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string_view(*v->as_string());
}

std::optional<int64_t> Value::get_int(std::string_view key) const {
  const Value* v = find(key);
  if (v == nullptr) return std::nullopt;
  if (const int64_t* i = v->as_int()) return *i;
  if (const std::string* s = v->as_string()) {
    int64_t out = 0;
    auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), out);
    if (ec == std::errc{} && end == s->data() + s->size() && !s->empty()) return out;
  }
  return std::nullopt;
}

std::optional<std::vector<std::string_view>> Value::get_string_list(std::string_view key) const {
  const Value* v = find(key);
  if (v == nullptr || !v->is_list()) return std::nullopt;
  std::vector<std::string_view> out;
  out.reserve(v->as_list()->size());
  for (const Value& item : *v->as_list()) {
    if (!item.is_string()) return std::nullopt;
    out.emplace_back(*item.as_string());
  }
  return out;
}

Value& Value::set(std::string_view key, Value value) {
  if (Dict* d = as_dict()) {
    for (DictEntry& e : *d) {
      if (e.key == key) {
        e.value = std::move(value);
        return *this;
      }
    }
    // Replies are built key by key: one allocation for a typical dictionary instead of a
    // regrowth at 1, 2, 4 and 8 keys (Value::set was the ng thread's top allocation site).
    if (d->capacity() == 0) d->reserve(kBuiltDictReserve);
    d->push_back(DictEntry{std::string(key), std::move(value)});
  }
  return *this;
}

Value& Value::push_back(Value value) {
  if (List* l = as_list()) {
    if (l->capacity() == 0) l->reserve(kBuiltListReserve);
    l->push_back(std::move(value));
  }
  return *this;
}

bool has_duplicate_key(const Dict& dict) {
  // A request's dictionary has about ten keys: comparing pairs costs less than the sorted
  // copy's allocation. Large (hostile) ones are sorted, so the check stays O(n log n).
  constexpr size_t kPairwise = 16;
  if (dict.size() <= kPairwise) {
    for (size_t i = 0; i < dict.size(); ++i)
      for (size_t j = i + 1; j < dict.size(); ++j)
        if (dict[i].key == dict[j].key) return true;
    return false;
  }
  std::vector<std::string_view> keys;
  keys.reserve(dict.size());
  for (const DictEntry& e : dict) keys.emplace_back(e.key);
  std::sort(keys.begin(), keys.end());
  return std::adjacent_find(keys.begin(), keys.end()) != keys.end();
}

bool Value::operator==(const Value& other) const { return data_ == other.data_; }

}  // namespace rr::bencode
