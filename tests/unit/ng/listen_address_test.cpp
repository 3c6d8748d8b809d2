#include <gtest/gtest.h>

#include "control/ng/listen_address.hpp"

namespace rr::ng {
namespace {

TEST(ListenAddress, ParsesRtpengineSyntax) {
  struct Row {
    std::string_view text;
    std::vector<std::string> expected;  // empty: refused
  };
  const Row rows[] = {
      {"127.0.0.1:2223", {"127.0.0.1:2223"}},
      {"[::1]:2223", {"[::1]:2223"}},
      {"2223", {"0.0.0.0:2223", "[::]:2223"}},
      {"0", {"0.0.0.0:0", "[::]:0"}},
      {"65536", {}},
      {"", {}},
      {"::1:2223", {}},
      {"localhost:2223", {}},
      {"127.0.0.1", {}},
      {"127.0.0.1:", {}},
      {"127.0.0.1:99999", {}},
      {"-1", {}},
  };
  for (const Row& row : rows) {
    auto parsed = parse_listen_address(row.text);
    std::vector<std::string> got;
    if (parsed) {
      for (const Endpoint& e : *parsed) got.push_back(e.to_string());
    }
    EXPECT_EQ(got, row.expected) << row.text;
  }
}

}  // namespace
}  // namespace rr::ng
