#include "daemon/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>

namespace rr::daemon {
namespace {

// "%*" → "<N>", the syslog priority of the message's level, which journald reads from the
// start of each stderr line of a service (sd-daemon(3)).
class SyslogPriorityFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    static constexpr char kPriority[] = {'7', '7', '6', '4', '3', '2', '6'};  // trace … off
    const char text[] = {'<', kPriority[msg.level], '>'};
    dest.append(text, text + sizeof text);
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<SyslogPriorityFlag>();
  }
};

}  // namespace

void start_logging(const std::string& level, bool journald) {
  auto logger = spdlog::stderr_logger_mt("rtp-relay");
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  // journald adds its own timestamp; a person at a terminal wants one.
  formatter->add_flag<SyslogPriorityFlag>('*').set_pattern(journald ? "%*%l: %v"
                                                                   : "%Y-%m-%d %H:%M:%S.%e %l: %v");
  logger->set_formatter(std::move(formatter));
  logger->set_level(spdlog::level::from_str(level));
  logger->flush_on(spdlog::level::trace);  // stderr is unbuffered for a reason: crashes lose nothing
  spdlog::set_default_logger(logger);
}

}  // namespace rr::daemon
