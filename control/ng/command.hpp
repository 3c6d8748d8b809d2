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

// Case-insensitive, as rtpengine matches command names regardless of case.
constexpr std::optional<Command> find_command(std::string_view name) {
  auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
  for (const CommandInfo& info : kCommands) {
    if (info.name.size() != name.size()) continue;
    bool same = true;
    for (size_t i = 0; i < name.size() && same; ++i) same = lower(name[i]) == info.name[i];
    if (same) return info.command;
  }
  return std::nullopt;
}

// The table is indexed by the enum: keep them in step.
static_assert([] {
  for (size_t i = 0; i < kCommands.size(); ++i)
    if (static_cast<size_t>(kCommands[i].command) != i) return false;
  return true;
}());
static_assert(find_command("Offer") == Command::offer && !find_command("offe"));

}  // namespace rr::ng
