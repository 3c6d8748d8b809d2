// rtpgen in DPDK mode through the real relay: caller A and callee B in their own namespaces
// (rr_netlab's Topology), each with a DPDK port of rtpgen's own on its veth end, the relay's
// ports on the root-side ends. A modest rate for a few seconds must arrive complete both ways:
// the generator's framing, ARP answers, per-namespace ports and the ng direction all work.
// With --srtp one leg speaks SRTP (SDES keys in the SDPs) and the relay converts: rtpgen
// protects and unprotects that leg, and every probe must still arrive intact both ways.
// Generous: a second of drain, a low rate, a 120 s limit, so a loaded machine still passes.
#include <unistd.h>

#include <fstream>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/network/support/relay_process.hpp"
#include "tests/network/support/topology.hpp"
#include "tests/support/process.hpp"

namespace rr::netlab {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string mac_of(const std::string& interface) {
  std::string mac = read_file("/sys/class/net/" + interface + "/address");
  return mac.substr(0, mac.find('\n'));
}

// Every "key":number of the report's totals, in order: a->b first, then b->a.
std::vector<uint64_t> totals(const std::string& json, const std::string& key) {
  std::vector<uint64_t> values;
  const std::regex pattern("\"total\":\\{[^}]*\"" + key + "\":([0-9]+)");
  for (std::sregex_iterator it(json.begin(), json.end(), pattern), end; it != end; ++it) {
    values.push_back(std::stoull((*it)[1]));
  }
  return values;
}

struct Case {
  Driver driver;
  const char* srtp;  // the SRTP leg, or "none"
  bool ipv6 = false;  // the generator's addresses (and so the relay's) are IPv6: ND, not ARP
};

class RtpgenDpdk : public testing::TestWithParam<Case> {};

TEST_P(RtpgenDpdk, RelayedStreamsArriveCompleteBothWays) {
  ASSERT_EQ(geteuid(), 0u) << "namespace tests create namespaces and veths: run as root";
  for (const auto& name : cleanup_stale_namespaces()) std::printf("removed stale %s\n", name.c_str());
  Topology topology;
  RelayProcess relay(topology.relay_options(RR_RELAY_BINARY, Driver::af_packet));
  ASSERT_TRUE(relay.wait_ready(std::chrono::seconds(120))) << relay.output();

  const bool xdp = GetParam().driver == Driver::af_xdp;
  auto vdev = [&](int n, const VethPair& link) {
    return std::string(xdp ? "net_af_xdp" : "net_af_packet") + std::to_string(n) + ",iface=" + link.host_end();
  };
  auto local = [&](const Side& side) {
    return (GetParam().ipv6 ? side.host_address6 : side.host_address).to_string();
  };
  const std::string pid = std::to_string(::getpid());
  const std::string json = "/tmp/rtpgen-dpdk-test-" + pid + ".json";
  test::Child rtpgen({RR_RTPGEN_BINARY, "--transport", "dpdk", "--mode", "relay",
                      "--ng", relay.ng().to_string(), "--ng-direction", "a,b", "--allow-any-destination",
                      "--netns-a", topology.caller().name(), "--local", local(kCallerSide),
                      "--dpdk-a", vdev(0, topology.caller_link()), "--peer-mac-a", mac_of(topology.caller_link().root_end()),
                      "--netns-b", topology.callee().name(), "--local-b", local(kCalleeSide),
                      "--dpdk-b", vdev(1, topology.callee_link()), "--peer-mac-b", mac_of(topology.callee_link().root_end()),
                      "--streams", "20", "--rate", "500", "--duration", "3", "--drain", "1",
                      "--rows", "0", "--json", json, "--srtp", GetParam().srtp},
                     "/tmp/rtpgen-dpdk-test-" + pid + ".log");
  ASSERT_TRUE(rtpgen.started());
  std::optional<int> code = rtpgen.wait_exit(std::chrono::seconds(120));
  ASSERT_EQ(code, 0) << rtpgen.output();

  const std::string report = read_file(json);
  std::remove(json.c_str());
  const std::vector<uint64_t> sent = totals(report, "sent"), received = totals(report, "received"),
                              lost = totals(report, "lost");
  ASSERT_EQ(sent.size(), 2u) << report.substr(0, 400);
  ASSERT_EQ(received.size(), 2u);
  ASSERT_EQ(lost.size(), 2u);
  for (size_t direction = 0; direction < 2; ++direction) {
    EXPECT_EQ(sent[direction], 1500u) << "direction " << direction << "\n" << rtpgen.output();
    EXPECT_EQ(received[direction], sent[direction]) << "direction " << direction << "\n" << rtpgen.output();
    EXPECT_EQ(lost[direction], 0u) << "direction " << direction;
  }
  // The relay resolved each generator address through rtpgen's own ARP or ND answers (with
  // af_xdp the namespace's kernel never sees the request).
  if (xdp) {
    const char* answered = GetParam().ipv6 ? "ND answered 1" : "ARP answered 1";
    EXPECT_NE(rtpgen.output().find(answered), std::string::npos) << rtpgen.output();
  }
  EXPECT_EQ(relay.stop(), 0) << relay.output();
}

INSTANTIATE_TEST_SUITE_P(Drivers, RtpgenDpdk,
                         testing::Values(Case{Driver::af_packet, "none"}, Case{Driver::af_xdp, "none"},
                                         Case{Driver::af_packet, "a"}, Case{Driver::af_packet, "b"},
                                         Case{Driver::af_xdp, "none", true}),
                         [](const testing::TestParamInfo<Case>& c) {
                           std::string name = c.param.driver == Driver::af_xdp ? "af_xdp" : "af_packet";
                           if (c.param.ipv6) name += "_ipv6";
                           return std::string(c.param.srtp) == "none" ? name : name + "_srtp_" + c.param.srtp;
                         });

}  // namespace
}  // namespace rr::netlab
