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
    DestinationPolicy policy{row.private_namespace, row.allow_any, {}};
    std::string why = policy.check(*Endpoint::parse(row.endpoint));
    EXPECT_EQ(why.empty(), row.allowed) << row.endpoint << ": " << why;
    if (!row.allowed) {
      EXPECT_NE(why.find("--allow-any-destination"), std::string::npos);
    }
  }
}

TEST(Destination, VethSubnetsAreAllowed) {
  DestinationPolicy policy{false, false, {{*IpAddress::parse("10.77.0.1"), 24}, {*IpAddress::parse("fd00::1"), 64}}};
  struct Row {
    const char* endpoint;
    bool allowed;
  };
  const Row rows[] = {
      {"10.77.0.2:4000", true},    {"10.77.0.255:4000", true}, {"10.77.1.2:4000", false},
      {"[fd00::2]:4000", true},    {"[fd00:0:0:1::2]:4000", false}, {"10.78.0.2:4000", false},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(policy.check(*Endpoint::parse(row.endpoint)).empty(), row.allowed) << row.endpoint;
  }
}

TEST(Destination, SubnetContains) {
  struct Row {
    const char* network;
    uint8_t prefix;
    const char* address;
    bool inside;
  };
  const Row rows[] = {
      {"192.168.1.0", 24, "192.168.1.77", true}, {"192.168.1.0", 24, "192.168.2.1", false},
      {"192.168.1.0", 23, "192.168.0.1", true},  {"192.168.1.0", 23, "192.168.2.1", false},
      {"10.0.0.0", 0, "8.8.8.8", true},          {"10.0.0.1", 32, "10.0.0.1", true},
      {"10.0.0.1", 32, "10.0.0.2", false},       {"10.0.0.0", 8, "::1", false},  // family differs
      {"10.0.0.0", 40, "10.0.0.0", false},       // a prefix longer than the address is nonsense
  };
  for (const Row& row : rows) {
    Subnet subnet{*IpAddress::parse(row.network), row.prefix};
    EXPECT_EQ(subnet.contains(*IpAddress::parse(row.address)), row.inside) << row.network << "/"
                                                                          << int(row.prefix) << " " << row.address;
  }
}

}  // namespace
}  // namespace rr::rtpgen
