#include "relay/dpdk/eal_args.hpp"

#include <fstream>
#include <sstream>

namespace rr::dpdk {
namespace {

constexpr std::string_view kSpace = " \t\r";

// Drops a trailing " # comment"; a '#' inside a word (devargs) is kept.
std::string_view strip_comment(std::string_view line) {
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '#' && (i == 0 || kSpace.find(line[i - 1]) != std::string_view::npos)) {
      return line.substr(0, i);
    }
  }
  return line;
}

}  // namespace

Result<EalArgs> parse_profile(std::string_view text) {
  EalArgs args;
  unsigned line_number = 0;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    const std::string_view line = strip_comment(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    ++line_number;
    std::istringstream words{std::string(line)};
    bool first = true;
    for (std::string word; words >> word; first = false) {
      // A value on a line of its own is almost always a lost line break; say where.
      if (first && word.front() != '-') {
        return Error{Errc::profile, "line " + std::to_string(line_number) +
                                        ": expected an option starting with '-', got '" +
                                        word + "'"};
      }
      args.push_back(std::move(word));
    }
  }
  return args;
}

Result<EalArgs> load_profile(std::string_view name_or_path, const std::string& profile_dir) {
  const bool is_path = name_or_path.find('/') != std::string_view::npos ||
                       name_or_path.ends_with(".conf");
  const std::string path = is_path ? std::string(name_or_path)
                                   : profile_dir + "/" + std::string(name_or_path) + ".conf";
  std::ifstream in(path);
  if (!in) return Error{Errc::profile, "dpdk profile '" + path + "': cannot open"};
  std::ostringstream text;
  text << in.rdbuf();
  auto args = parse_profile(text.str());
  if (!args) return Error{Errc::profile, "dpdk profile '" + path + "': " + args.error().message};
  return args;
}

bool has_option(std::span<const std::string> args, std::string_view option) {
  for (const std::string& arg : args) {
    if (arg == option) return true;
    if (arg.size() > option.size() && arg.starts_with(option) && arg[option.size()] == '=') {
      return true;
    }
  }
  return false;
}

EalArgs lcore_args(unsigned main_lcore, std::span<const unsigned> worker_lcores) {
  std::string list = std::to_string(main_lcore);
  for (unsigned lcore : worker_lcores) list += "," + std::to_string(lcore);
  return {"-l", list, "--main-lcore", std::to_string(main_lcore)};
}

}  // namespace rr::dpdk
