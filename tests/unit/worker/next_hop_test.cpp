// next_hop: the destination itself when on-link, else the gateway of its family.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "relay/worker/next_hop.hpp"
#include "tests/support/packet_builder.hpp"

namespace rr::worker {
namespace {

using rr::test::ip;

const std::vector<InterfaceAddress> kDualStack = {
    {ip("192.0.2.1"), 24, ip("192.0.2.254")},
    {ip("2001:db8:1::1"), 64, ip("2001:db8:1::fe")},
};
const std::vector<InterfaceAddress> kV4NoGateway = {{ip("198.51.100.1"), 26, {}}};
const std::vector<InterfaceAddress> kOddPrefix = {{ip("10.1.2.3"), 13, ip("10.0.0.1")}};

struct NextHopCase {
  const char* description;
  const std::vector<InterfaceAddress>* addresses;
  const char* destination;
  std::optional<std::string> expected;  // nullopt: no route (no_neighbour)
};

const NextHopCase kCases[] = {
    {"on-link IPv4 goes direct", &kDualStack, "192.0.2.77", "192.0.2.77"},
    {"off-link IPv4 goes to the v4 gateway", &kDualStack, "203.0.113.5", "192.0.2.254"},
    {"on-link IPv6 goes direct", &kDualStack, "2001:db8:1::42", "2001:db8:1::42"},
    {"off-link IPv6 goes to the v6 gateway", &kDualStack, "2001:db8:2::42", "2001:db8:1::fe"},
    {"last address of a /26 is on-link", &kV4NoGateway, "198.51.100.63", "198.51.100.63"},
    {"first address past a /26 has no route without gateway", &kV4NoGateway, "198.51.100.64", std::nullopt},
    {"IPv6 on a v4-only port has no route", &kV4NoGateway, "2001:db8::1", std::nullopt},
    {"/13 boundary inside", &kOddPrefix, "10.7.255.255", "10.7.255.255"},
    {"/13 boundary outside", &kOddPrefix, "10.8.0.0", "10.0.0.1"},
};

class NextHop : public ::testing::TestWithParam<NextHopCase> {};

TEST_P(NextHop, PicksDestinationOrGateway) {
  const NextHopCase& c = GetParam();
  const auto hop = next_hop(*c.addresses, ip(c.destination));
  ASSERT_EQ(hop.has_value(), c.expected.has_value()) << c.description;
  if (hop) {
    EXPECT_EQ(*hop, ip(*c.expected)) << c.description;
  }
}

INSTANTIATE_TEST_SUITE_P(Rows, NextHop, ::testing::ValuesIn(kCases));

TEST(InPrefix, FamiliesNeverMatchAndLongPrefixesAreClamped) {
  EXPECT_FALSE(in_prefix(ip("::ffff:192.0.2.1"), ip("192.0.2.0"), 24));
  EXPECT_TRUE(in_prefix(ip("192.0.2.9"), ip("192.0.2.9"), 200));  // clamped to /32
  EXPECT_FALSE(in_prefix(ip("192.0.2.9"), ip("192.0.2.8"), 200));
  EXPECT_TRUE(in_prefix(ip("203.0.113.9"), ip("192.0.2.1"), 0));  // default route
}

// Prefixes off byte boundaries and across IPv6's two 64-bit halves: the last bit inside and
// the first bit outside each prefix.
TEST(InPrefix, MasksEveryBitOfThePrefixAndNoneAfter) {
  struct Row {
    const char *address, *network;
    uint8_t length;
    bool inside;
  };
  const Row rows[] = {
      {"192.0.3.255", "192.0.2.0", 23, true},
      {"192.0.4.0", "192.0.2.0", 23, false},
      {"127.255.255.255", "10.0.0.0", 1, true},
      {"128.0.0.0", "10.0.0.0", 1, false},
      {"192.0.2.1", "192.0.2.1", 32, true},
      {"192.0.2.0", "192.0.2.1", 31, true},
      {"192.0.2.0", "192.0.2.1", 32, false},
      {"2001:db8:ffff::1", "2001:db8::", 32, true},
      {"2001:db9::", "2001:db8::", 32, false},
      {"2001:db8::ffff:ffff:ffff:ffff", "2001:db8::", 64, true},
      {"2001:db8:0:1::", "2001:db8::", 64, false},
      {"2001:db8::7fff:ffff:ffff:ffff", "2001:db8::", 65, true},
      {"2001:db8::8000:0:0:0", "2001:db8::", 65, false},
      {"2001:db8::1", "2001:db8::1", 128, true},
      {"2001:db8::2", "2001:db8::1", 127, false},
      {"2001:db8::3", "2001:db8::2", 127, true},
      {"2001:db8::2", "2001:db8::1", 200, false},
      {"fe80::1", "::", 0, true},
  };
  for (const Row& row : rows)
    EXPECT_EQ(in_prefix(ip(row.address), ip(row.network), row.length), row.inside)
        << row.address << " in " << row.network << "/" << int{row.length};
}

TEST(IsOurs, OnlyExactAddresses) {
  EXPECT_TRUE(is_ours(kDualStack, ip("2001:db8:1::1")));
  EXPECT_FALSE(is_ours(kDualStack, ip("192.0.2.2")));
}

}  // namespace
}  // namespace rr::worker
