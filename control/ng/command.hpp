// The ng commands this relay understands: one constexpr table from which dispatch, logs and
// (later) per-command metrics are derived. Names are rtpengine's.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace rr::ng {

enum class Command : uint8_t { ping, offer, answer, delete_, query, list, statistics };

struct CommandInfo {
  Command command;  // also the handler index: static_cast<size_t>(command)
  std::string_view name;
};

inline constexpr std::array<CommandInfo, 7> kCommands{{
    {Command::ping, "ping"},
    {Command::offer, "offer"},
    {Command::answer, "answer"},
    {Command::delete_, "delete"},
    {Command::query, "query"},
    {Command::list, "list"},
    {Command::statistics, "statistics"},
}};

constexpr std::string_view command_name(Command c) {
  return kCommands[static_cast<size_t>(c)].name;
}

// Case-sensitive: rtpengine 10.5 answers "PING" with "Unrecognized command".
constexpr std::optional<Command> find_command(std::string_view name) {
  for (const CommandInfo& info : kCommands) {
    if (info.name == name) return info.command;
  }
  return std::nullopt;
}

// The table is indexed by the enum: keep them in step.
static_assert([] {
  for (size_t i = 0; i < kCommands.size(); ++i)
    if (static_cast<size_t>(kCommands[i].command) != i) return false;
  return true;
}());
static_assert(find_command("offer") == Command::offer && !find_command("Offer"));

}  // namespace rr::ng
