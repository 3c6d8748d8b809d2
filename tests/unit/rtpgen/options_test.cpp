// rtpgen's command line: the A/B and DPDK options, and the errors that name the option.
#include "tools/rtpgen/options.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace rr::rtpgen {
namespace {

ParsedOptions parse(std::vector<const char*> args) {
  args.insert(args.begin(), "rtpgen");
  return parse_options(static_cast<int>(args.size()), args.data());
}

TEST(Options, DpdkRelayRunBetweenTwoNamespaces) {
  ParsedOptions p = parse({"--mode", "relay", "--ng", "10.77.9.1:2223", "--transport", "dpdk",
                           "--local", "10.77.1.2", "--local-b", "10.77.2.2", "--netns-b", "rrb",
                           "--dpdk-a", "net_af_xdp0,iface=rrga", "--dpdk-b", "net_af_xdp1,iface=rrgb",
                           "--peer-mac-a", "02:00:00:00:00:01", "--peer-mac-b", "0a:bc:DE:f0:00:02",
                           "--ng-direction", "a,b"});
  ASSERT_EQ(p.error, "");
  EXPECT_EQ(p.options.transport, Transport::dpdk);
  EXPECT_EQ(p.options.address_b(), *IpAddress::parse("10.77.2.2"));
  EXPECT_EQ(p.options.netns_b, "rrb");
  EXPECT_EQ(p.options.peer_mac_b.to_string(), "0a:bc:de:f0:00:02");
  EXPECT_EQ(p.options.ng_direction, (std::vector<std::string>{"a", "b"}));
}

TEST(Options, BDefaultsToA) {
  ParsedOptions p = parse({"--local", "10.0.0.1"});
  ASSERT_EQ(p.error, "");
  EXPECT_EQ(p.options.address_b(), *IpAddress::parse("10.0.0.1"));
  EXPECT_EQ(p.options.transport, Transport::socket);
}

TEST(Options, ErrorsNameTheOption) {
  const struct {
    std::vector<const char*> args;
    const char* expected;
  } rows[] = {
      {{"--transport", "rdma"}, "--transport"},
      {{"--transport", "dpdk"}, "--dpdk-a"},
      {{"--transport", "dpdk", "--mode", "sink", "--listen", "1.2.3.4:5"}, "only loop and relay"},
      {{"--transport", "dpdk", "--dpdk-a", "x", "--dpdk-b", "y"}, "--peer-mac-a"},
      {{"--peer-mac-a", "02:00:00:00:00"}, "--peer-mac-a"},
      {{"--peer-mac-b", "02-00-00-00-00-01"}, "--peer-mac-b"},
      {{"--peer-mac-b", "0g:00:00:00:00:01"}, "--peer-mac-b"},
      {{"--local-b", "nowhere"}, "--local-b"},
      {{"--ng-direction", "a,b,c"}, "--ng-direction"},
      {{"--transport", "dpdk", "--dpdk-a", "x", "--dpdk-b", "y", "--peer-mac-a", "02:00:00:00:00:01",
        "--peer-mac-b", "02:00:00:00:00:02", "--local-b", "::1"}, "one address family"},
  };
  for (const auto& row : rows) {
    ParsedOptions p = parse(row.args);
    EXPECT_NE(p.error.find(row.expected), std::string::npos) << row.expected << " in: " << p.error;
  }
}

}  // namespace
}  // namespace rr::rtpgen
