// The value model shared by the bencode and JSON codecs: integer, byte string, list and
// dictionary. Dictionaries keep their keys in arrival order, because rtpengine does not sort
// them and a reply should read back the way the handler built it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace rr::bencode {

class Value;
struct DictEntry;
using List = std::vector<Value>;
using Dict = std::vector<DictEntry>;  // in arrival order; keys are unique after decoding

class Value {
 public:
  // Implicit on purpose, so that handlers can write reply.set("result", "ok").
  Value();
  Value(int64_t i);           // NOLINT(google-explicit-constructor)
  Value(int i);               // NOLINT(google-explicit-constructor)
  Value(std::string s);       // NOLINT(google-explicit-constructor)
  Value(std::string_view s);  // NOLINT(google-explicit-constructor)
  Value(const char* s);       // NOLINT(google-explicit-constructor)
  Value(List l);              // NOLINT(google-explicit-constructor)
  Value(Dict d);              // NOLINT(google-explicit-constructor)

  static Value dict();  // an empty dictionary
  static Value list();  // an empty list

  bool is_int() const { return std::holds_alternative<int64_t>(data_); }
  bool is_string() const { return std::holds_alternative<std::string>(data_); }
  bool is_list() const { return std::holds_alternative<List>(data_); }
  bool is_dict() const { return std::holds_alternative<Dict>(data_); }

  // nullptr when the value has another type.
  const int64_t* as_int() const { return std::get_if<int64_t>(&data_); }
  const std::string* as_string() const { return std::get_if<std::string>(&data_); }
  const List* as_list() const { return std::get_if<List>(&data_); }
  const Dict* as_dict() const { return std::get_if<Dict>(&data_); }
  List* as_list() { return std::get_if<List>(&data_); }
  Dict* as_dict() { return std::get_if<Dict>(&data_); }

  // Dictionary look-ups for command handlers; all return nothing when this is not a
  // dictionary, the key is absent or the value has the wrong type.
  const Value* find(std::string_view key) const;
  std::optional<std::string_view> get_string(std::string_view key) const;
  // An integer, or a string of decimal digits: rtpengine clients send both.
  std::optional<int64_t> get_int(std::string_view key) const;
  // A list whose elements are all strings (e.g. "flags", "replace", "rtcp-mux").
  std::optional<std::vector<std::string_view>> get_string_list(std::string_view key) const;

  // Builders. set() replaces an existing key (keeping its position) or appends; both are
  // no-ops when this is not a dictionary / list, which is a programming error in a handler.
  Value& set(std::string_view key, Value value);
  Value& push_back(Value value);

  bool operator==(const Value& other) const;

 private:
  std::variant<int64_t, std::string, List, Dict> data_;
};

struct DictEntry {
  std::string key;
  Value value;
  bool operator==(const DictEntry&) const = default;
};

// Decoders refuse duplicate keys rather than pick one: a proxy that reads the last and a
// relay that reads the first would disagree about the same request.
bool has_duplicate_key(const Dict& dict);

}  // namespace rr::bencode
