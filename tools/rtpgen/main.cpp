// rtpgen: RTP load generator and sink on kernel UDP sockets. See README.md.
#include <csignal>
#include <iostream>

#include "tools/rtpgen/app.hpp"

namespace {
std::atomic<bool> g_stop{false};  // SIGINT: stop sending, drain, still report
extern "C" void on_signal(int) { g_stop.store(true, std::memory_order_relaxed); }
}  // namespace

int main(int argc, char** argv) {
  rr::rtpgen::ParsedOptions parsed = rr::rtpgen::parse_options(argc, argv);
  if (parsed.help) {
    std::cout << parsed.usage;
    return 0;
  }
  if (!parsed.error.empty()) {
    std::cerr << "rtpgen: " << parsed.error << '\n' << parsed.usage;
    return 2;
  }
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  return rr::rtpgen::run(parsed.options, &g_stop, std::cout, std::cerr);
}
