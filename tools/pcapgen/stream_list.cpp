#include "tools/pcapgen/stream_list.hpp"

namespace rr::pcapgen {

namespace {

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

}  // namespace

StreamList parse_stream_list(std::string_view text) {
  StreamList list;
  size_t line_number = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    ++line_number;
    line = trim(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    const auto fail = [&](const std::string& why) {
      list.streams.clear();
      list.error = "line " + std::to_string(line_number) + ": " + why;
      return list;
    };
    const auto space = line.find_first_of(" \t");
    if (space == std::string_view::npos) return fail("expected '<caller> <relay>'");
    const auto caller = Endpoint::parse(line.substr(0, space));
    const auto relay = Endpoint::parse(trim(line.substr(space)));
    if (!caller) return fail("bad caller endpoint '" + std::string(line.substr(0, space)) + "'");
    if (!relay) return fail("bad relay endpoint '" + std::string(trim(line.substr(space))) + "'");
    if (caller->address.family != relay->address.family) return fail("caller and relay of different families");
    if (caller->port == 0 || relay->port == 0) return fail("port 0");
    list.streams.push_back(make_stream(static_cast<uint32_t>(list.streams.size()), *caller, *relay));
  }
  return list;
}

std::string format_stream_list(const std::vector<RtpStream>& streams) {
  std::string text = "# caller relay\n";
  for (const RtpStream& s : streams) text += s.caller.to_string() + " " + s.relay.to_string() + "\n";
  return text;
}

}  // namespace rr::pcapgen
