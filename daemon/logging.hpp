// Logging for the daemon: spdlog to stderr, one line per event, readable by people and by
// journald (which adds its own timestamp and takes the level from the "<N>" prefix).
#pragma once

#include <string>

namespace rr::daemon {

// `level` is one of config's names (trace … off). `journald` prefixes each line with the
// syslog priority in angle brackets, as sd-daemon(3) describes for stderr of a service.
void start_logging(const std::string& level, bool journald);

}  // namespace rr::daemon
