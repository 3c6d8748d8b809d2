#include "tools/rtpgen/destination.hpp"

#include <gtest/gtest.h>

namespace rr::rtpgen {
namespace {

TEST(Destination, OnlyLoopbackUnlessInANamespaceOrAllowed) {
  struct Row {
    const char* endpoint;
    bool private_namespace, allow_any, allowed;
  };
  const Row rows[] = {
      {"127.0.0.1:4000", false, false, true},
      {"127.9.8.7:4000", false, false, true},
      {"[::1]:4000", false, false, true},
      {"10.0.0.1:4000", false, false, false},
      {"[2001:db8::1]:4000", false, false, false},
      {"8.8.8.8:53", false, false, false},
      {"10.0.0.1:4000", true, false, true},
      {"8.8.8.8:53", false, true, true},
  };
  for (const Row& row : rows) {
    DestinationPolicy policy{row.private_namespace, row.allow_any};
    std::string why = policy.check(*Endpoint::parse(row.endpoint));
    EXPECT_EQ(why.empty(), row.allowed) << row.endpoint << ": " << why;
    if (!row.allowed) {
      EXPECT_NE(why.find("--allow-any-destination"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace rr::rtpgen
