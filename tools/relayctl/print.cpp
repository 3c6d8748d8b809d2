#include "tools/relayctl/print.hpp"

#include <algorithm>
#include <ostream>
#include <string>

#include "tools/relayctl/streams.hpp"

namespace rr::relayctl {

namespace {

bool printable(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u >= 0x20 || c == '\r' || c == '\n' || c == '\t';
  });
}

void print_scalar(const bencode::Value& value, std::ostream& out, int indent) {
  if (const int64_t* i = value.as_int()) {
    out << *i << '\n';
    return;
  }
  const std::string& s = *value.as_string();
  if (!printable(s)) {
    out << "<" << s.size() << " bytes>\n";
  } else if (s.find('\n') != std::string::npos) {  // SDP: one line each, indented
    out << "|\n";
    size_t start = 0;
    while (start < s.size()) {
      size_t end = s.find('\n', start);
      std::string line = s.substr(start, end == std::string::npos ? std::string::npos : end - start);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      out << std::string(indent + 2, ' ') << line << '\n';
      start = end == std::string::npos ? s.size() : end + 1;
    }
  } else {
    out << s << '\n';
  }
}

void print_list_of_strings(const bencode::Value& body, std::string_view key, std::ostream& out) {
  const bencode::Value* calls = body.find(key);
  if (!calls || !calls->as_list() || calls->as_list()->empty()) {
    out << "no calls\n";
    return;
  }
  for (const bencode::Value& call : *calls->as_list()) print_tree(call, out);
}

}  // namespace

void print_tree(const bencode::Value& value, std::ostream& out, int indent) {
  const std::string pad(indent, ' ');
  if (const bencode::Dict* dict = value.as_dict()) {
    for (const bencode::DictEntry& entry : *dict) {
      out << pad << entry.key << ':';
      bool nested = entry.value.is_dict() || entry.value.is_list();
      if (nested) {
        out << '\n';
        print_tree(entry.value, out, indent + 2);
      } else {
        out << ' ';
        print_scalar(entry.value, out, indent);
      }
    }
  } else if (const bencode::List* list = value.as_list()) {
    for (const bencode::Value& item : *list) {
      if (item.is_dict() || item.is_list()) {
        out << pad << "-\n";
        print_tree(item, out, indent + 2);
      } else {
        out << pad << "- ";
        print_scalar(item, out, indent);
      }
    }
  } else {
    out << pad;
    print_scalar(value, out, indent);
  }
}

void print_reply(std::string_view command, std::string_view call_id, const bencode::Value& body,
                 std::ostream& out) {
  if (command == "ping") {
    out << body.get_string("result").value_or("?") << '\n';
  } else if (command == "list") {
    print_list_of_strings(body, "calls", out);
  } else if (command == "query") {
    print_stream_table(stream_rows(call_id, body), out);
    if (const bencode::Value* totals = body.find("totals")) {
      out << "totals:\n";
      print_tree(*totals, out, 2);
    }
  } else if (command == "delete") {
    out << "deleted\n";
    if (const bencode::Value* totals = body.find("totals")) print_tree(*totals, out, 2);
  } else {
    print_tree(body, out);
  }
}

}  // namespace rr::relayctl
