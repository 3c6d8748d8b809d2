#include <gtest/gtest.h>

#include "control/ng/command.hpp"

namespace rr::ng {
namespace {

TEST(CommandTable, FindsEveryNameCaseSensitively) {
  struct Row {
    std::string_view name;
    std::optional<Command> expected;
  };
  const Row rows[] = {
      {"ping", Command::ping},         {"offer", Command::offer},
      {"answer", Command::answer},     {"delete", Command::delete_},
      {"query", Command::query},       {"list", Command::list},
      {"statistics", Command::statistics}, {"PING", std::nullopt},
      {"Delete", std::nullopt},        {"", std::nullopt},
      {"pin", std::nullopt},           {"pings", std::nullopt},
      {"start recording", std::nullopt},
  };
  for (const Row& row : rows) EXPECT_EQ(find_command(row.name), row.expected) << row.name;
}

TEST(CommandTable, NamesRoundTrip) {
  for (const CommandInfo& info : kCommands) {
    EXPECT_EQ(command_name(info.command), info.name);
    EXPECT_EQ(find_command(info.name), info.command);
  }
}

}  // namespace
}  // namespace rr::ng
