// EAL argument lists: the dpdk-config/profiles file format and the few arguments the relay adds.
// Pure functions over strings, so the daemon's choices are unit tested without EAL.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "relay/dpdk/result.hpp"

namespace rr::dpdk {

using EalArgs = std::vector<std::string>;

// Profile format (dpdk-config/README.md): one EAL option per line, its value after '=' or
// whitespace; blank lines and lines starting with '#' are ignored, as is " # trailing text".
// Each whitespace-separated word becomes one argument. Errors name the line.
Result<EalArgs> parse_profile(std::string_view text);

// `name_or_path` is a path if it contains '/' or ends in ".conf", else <profile_dir>/<name>.conf.
Result<EalArgs> load_profile(std::string_view name_or_path, const std::string& profile_dir);

// True if `args` contains option `option` alone or as "option=value" ("--no-huge", "-m").
bool has_option(std::span<const std::string> args, std::string_view option);

// "-l <main>,<workers...> --main-lcore <main>": the lcores the daemon was configured with.
EalArgs lcore_args(unsigned main_lcore, std::span<const unsigned> worker_lcores);

}  // namespace rr::dpdk
