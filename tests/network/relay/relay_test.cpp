// rtp-relay on AF_PACKET vdevs between two namespaces, driven over ng like a SIP proxy would:
// ARP and ping of its addresses, RTP both ways through kernel sockets with the payload
// unchanged and the relay as source, a NATed caller latched, nothing forwarded after delete.
#include <gtest/gtest.h>

#include "tests/network/relay/call_fixture.hpp"

namespace rr::netlab {
namespace {

using namespace std::chrono_literals;

constexpr auto kWait = 2s;       // generous: ARP resolution plus a shared, sanitized build
constexpr auto kQuiet = 300ms;   // how long "nothing more arrives" is watched

struct SideRow {
  const char* name;
  const Namespace& (Topology::*ns)() const;
  const VethPair& (Topology::*link)() const;
  const Side* side;
};

TEST_P(RelayOnVeths, AnswersArpAndPingOnEachMediaAddress) {
  const SideRow rows[] = {{"caller", &Topology::caller, &Topology::caller_link, &kCallerSide},
                          {"callee", &Topology::callee, &Topology::callee_link, &kCalleeSide}};
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    const Namespace& ns = (*topology_.*row.ns)();
    EXPECT_TRUE(ping_from(ns, row.side->relay_address, kWait)) << "no echo reply from the relay";
    // The ping needed ARP first: the host's neighbour entry holds the relay port's MAC,
    // which is the root-side veth end's (AF_PACKET sends with the interface's address).
    auto neigh = ns.exec({"ip", "neigh", "show", row.side->relay_address.to_string()});
    const auto mac = (*topology_.*row.link)().root_mac().bytes;
    char text[18];
    std::snprintf(text, sizeof text, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
    EXPECT_NE(neigh.output.find(text), std::string::npos) << neigh.output;
  }
}

// One row per address family: the relay's ARP and ND (it resolves the hosts, they resolve it).
struct FamilyRow {
  const char* name;
  IpAddress Side::*host;
  IpAddress Side::*relay;
};
const FamilyRow kFamilies[] = {{"IPv4", &Side::host_address, &Side::relay_address},
                               {"IPv6", &Side::host_address6, &Side::relay_address6}};

TEST_P(RelayOnVeths, RelaysRtpBothWaysWithRelayAsSource) {
  for (const auto& family : kFamilies) {
    SCOPED_TRACE(family.name);
    HostUdpSocket caller(topology_->caller(), {kCallerSide.*family.host, 0});
    HostUdpSocket callee(topology_->callee(), {kCalleeSide.*family.host, 0});
    const ngclient::CallIds ids{std::string("netlab-both-ways-") + family.name, "caller-tag", "callee-tag"};
    auto relayed = set_up_call(ids, caller.local(), callee.local());
    ASSERT_TRUE(relayed);
    const Endpoint relay_a = relayed->toward_caller, relay_b = relayed->toward_callee;
    EXPECT_EQ(relay_b.address, kCalleeSide.*family.relay) << "offer SDP must point the callee at the relay";
    EXPECT_EQ(relay_a.address, kCallerSide.*family.relay) << "answer SDP must point the caller at the relay";
    for (auto port : {relay_a.port, relay_b.port}) EXPECT_TRUE(port >= 30000 && port <= 30099) << port;

    struct Direction {
      const char* name;
      const HostUdpSocket& from;
      Endpoint to;
      const HostUdpSocket& receiver;
      Endpoint expected_source;
    };
    const Direction directions[] = {{"caller to callee", caller, relay_a, callee, relay_b},
                                    {"callee to caller", callee, relay_b, caller, relay_a}};
    for (const auto& d : directions) {
      SCOPED_TRACE(d.name);
      for (uint16_t seq = 1; seq <= 5; ++seq) {
        const auto sent = rtp_packet(seq, 0x1000 + seq, uint8_t(seq));
        ASSERT_TRUE(d.from.send_to(d.to, sent));
        auto got = d.receiver.receive(kWait);
        ASSERT_TRUE(got.has_value()) << "packet " << seq << " not relayed";
        EXPECT_EQ(got->from, d.expected_source);
        EXPECT_EQ(got->bytes, sent) << "payload changed on the way";
      }
    }
  }
}

TEST_P(RelayOnVeths, LatchesCallerBehindNatAndSendsReturnMediaThere) {
  // The SDP names one port; the caller's NAT sends from another, as a real NAT does.
  HostUdpSocket advertised(topology_->caller(), {kCallerSide.host_address, 0});
  HostUdpSocket natted(topology_->caller(), {kCallerSide.host_address, 0});
  HostUdpSocket callee(topology_->callee(), {kCalleeSide.host_address, 0});
  const ngclient::CallIds ids{"netlab-nat", "caller-tag", "callee-tag"};
  auto relayed = set_up_call(ids, advertised.local(), callee.local());
  ASSERT_TRUE(relayed);

  ASSERT_TRUE(natted.send_to(relayed->toward_caller, rtp_packet(1, 0xa, 1)));
  ASSERT_TRUE(callee.receive(kWait).has_value()) << "caller's first packet not relayed";
  const auto back = rtp_packet(1, 0xb, 2);
  ASSERT_TRUE(callee.send_to(relayed->toward_callee, back));
  auto got = natted.receive(kWait);
  ASSERT_TRUE(got.has_value()) << "return media did not follow the latched source";
  EXPECT_EQ(got->bytes, back);
  EXPECT_EQ(got->from, relayed->toward_caller);
  EXPECT_TRUE(advertised.drain(kQuiet).empty()) << "return media went to the SDP port, not the latched one";
}

TEST_P(RelayOnVeths, ForwardsNothingAfterDelete) {
  HostUdpSocket caller(topology_->caller(), {kCallerSide.host_address, 0});
  HostUdpSocket callee(topology_->callee(), {kCalleeSide.host_address, 0});
  const ngclient::CallIds ids{"netlab-delete", "caller-tag", "callee-tag"};
  auto relayed = set_up_call(ids, caller.local(), callee.local());
  ASSERT_TRUE(relayed);
  ASSERT_TRUE(caller.send_to(relayed->toward_caller, rtp_packet(1, 0xc, 1)));
  ASSERT_TRUE(callee.receive(kWait).has_value()) << "not relayed before delete";

  ASSERT_TRUE(delete_call(ids));
  for (uint16_t seq = 2; seq < 6; ++seq) {
    caller.send_to(relayed->toward_caller, rtp_packet(seq, 0xc, 1));
    callee.send_to(relayed->toward_callee, rtp_packet(seq, 0xd, 2));
  }
  EXPECT_TRUE(callee.drain(kQuiet).empty()) << "caller media relayed after delete";
  EXPECT_TRUE(caller.drain(kQuiet).empty()) << "callee media relayed after delete";
}

// AF_XDP runs here in generic (skb) mode: no bpffs, so libxdp loads a single program.
INSTANTIATE_TEST_SUITE_P(Vdevs, RelayOnVeths, testing::Values(Driver::af_packet, Driver::af_xdp), driver_name);

}  // namespace
}  // namespace rr::netlab
