// The daemon's `vlan` key on a real link: the callee side of the relay is a switch trunk port,
// VLAN 42, played by the test with a raw AF_PACKET socket in the callee's namespace (these
// kernels have no 8021q module for a VLAN subinterface). The relay must answer ARP and ping
// tagged, resolve the callee with a tagged ARP request, and relay RTP both ways, tagged 42
// toward the callee and untagged toward the caller.
#include <gtest/gtest.h>
#include <unistd.h>

#include <memory>

#include "relay/packet/arp.hpp"
#include "relay/packet/frame.hpp"
#include "tests/network/daemon/raw_trunk.hpp"
#include "tests/network/support/host_socket.hpp"
#include "tests/network/support/relay_process.hpp"
#include "tests/network/support/topology.hpp"
#include "tests/network/support/veth.hpp"
#include "tests/support/packet_builder.hpp"
#include "tools/ngclient/calls.hpp"
#include "tools/ngclient/client.hpp"

namespace rr::netlab {
namespace {

using namespace std::chrono_literals;

constexpr auto kWait = 3s;  // generous: ARP resolution plus a loaded machine
constexpr uint16_t kVlan = 42;
constexpr uint16_t kCalleePort = 40000;  // the callee's RTP port in its SDP
const packet::MacAddress kCalleeMac{{0x02, 0x00, 0x00, 0x00, 0x42, 0x10}};

using test::FrameBuilder;

bool tagged(const packet::FrameView& view) { return view.vlan_count == 1 && (view.vlan_tci[0] & 0x0fff) == kVlan; }

class VlanTrunk : public testing::TestWithParam<Driver> {
 protected:
  void SetUp() override {
    ASSERT_EQ(geteuid(), 0u) << "namespace tests create namespaces and veths: run as root";
    cleanup_stale_namespaces();
    caller_link_.attach_host(caller_, {kCallerSide.host_address, 24, kCallerSide.relay_address});
    // The callee's end carries no address: the kernel there stays silent, the test speaks.
    must_run({"ip", "link", "set", callee_link_.host_end(), "netns", callee_.name()});
    must_run({"ip", "netns", "exec", callee_.name(), "sysctl", "-qw",
              "net.ipv6.conf." + callee_link_.host_end() + ".disable_ipv6=1"});
    must_run({"ip", "netns", "exec", callee_.name(), "ip", "link", "set", callee_link_.host_end(), "up"});
    trunk_ = std::make_unique<RawTrunk>(callee_, callee_link_.host_end());

    RelayOptions options;
    options.binary = RR_RELAY_BINARY;
    options.driver = GetParam();
    options.ports = {{kCallerSide.relay_interface, kCallerSide.relay_address, 24, caller_link_.root_end(), {}},
                     {kCalleeSide.relay_interface, kCalleeSide.relay_address, 24, callee_link_.root_end(), {}}};
    options.extra_args = {"--vlan=" + kCalleeSide.relay_interface + "=" + std::to_string(kVlan)};
    relay_ = std::make_unique<RelayProcess>(options);
    ASSERT_TRUE(relay_->wait_ready(120s)) << relay_->output();
    ng_ = std::make_unique<ngclient::Client>(relay_->ng(), ngclient::ClientOptions{});
    ASSERT_TRUE(ng_->open_error().empty()) << ng_->open_error();
  }

  void TearDown() override {
    ng_.reset();
    if (relay_) {
      EXPECT_EQ(relay_->stop(), 0) << relay_->output();
      if (HasFailure()) std::printf("---- relay log ----\n%s\n", relay_->output().c_str());
    }
  }

  std::optional<Endpoint> relay_endpoint(const bencode::Value& request) {
    auto result = ng_->request(request);
    EXPECT_TRUE(result.ok()) << result.error;
    auto sdp = result.body.get_string("sdp");
    return sdp ? ngclient::audio_endpoint(*sdp) : std::nullopt;
  }

  // The next frame on the trunk that `wanted` (a predicate on the raw frame) accepts, answering the relay's ARP requests for
  // the callee (only tagged ones: an untagged request would be on the wrong VLAN) meanwhile.
  template <typename Wanted>
  std::optional<std::vector<uint8_t>> next_frame(Wanted wanted) {
    const auto deadline = std::chrono::steady_clock::now() + kWait;
    while (std::chrono::steady_clock::now() < deadline) {
      auto frame = trunk_->receive(200ms);
      if (!frame) continue;
      auto view = packet::parse_frame(*frame);
      if (!view) {
        if (wanted(*frame)) return frame;  // frames the relay only sends (echo replies) don't parse
        continue;
      }
      if (view->kind == packet::FrameKind::arp && tagged(*view)) {
        auto arp = packet::parse_arp(view->payload);
        if (arp && arp->op == packet::ArpOp::request && arp->target_ip == kCalleeSide.host_address) {
          EXPECT_TRUE(trunk_->send(FrameBuilder()
                                       .eth(kCalleeMac, arp->sender_mac)
                                       .vlan(kVlan)
                                       .arp(2, kCalleeMac, kCalleeSide.host_address, arp->sender_mac, arp->sender_ip)
                                       .build()));
          continue;
        }
      }
      if (wanted(*frame)) return frame;
    }
    return std::nullopt;
  }

  Namespace caller_{"a"}, callee_{"b"};
  VethPair caller_link_{"a"}, callee_link_{"b"};
  std::unique_ptr<RawTrunk> trunk_;
  std::unique_ptr<RelayProcess> relay_;
  std::unique_ptr<ngclient::Client> ng_;
};

std::vector<uint8_t> rtp_packet(uint16_t seq, uint8_t fill) {
  return FrameBuilder().rtp(seq, uint32_t(seq) * 160, 0x4242, 0).payload(160, fill).udp_payload();
}

TEST_P(VlanTrunk, AnswersArpAndPingTaggedOnTheVlan) {
  const packet::MacAddress relay_mac = callee_link_.root_mac();
  ASSERT_TRUE(trunk_->send(FrameBuilder()
                               .eth(kCalleeMac, packet::MacAddress{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}})
                               .vlan(kVlan)
                               .arp(1, kCalleeMac, kCalleeSide.host_address, {}, kCalleeSide.relay_address)
                               .build()));
  auto reply = next_frame([](const auto& f) { auto v = packet::parse_frame(f); return v && v->kind == packet::FrameKind::arp; });
  ASSERT_TRUE(reply) << "no ARP reply on VLAN 42";
  auto view = packet::parse_frame(*reply);
  EXPECT_TRUE(tagged(*view)) << "ARP reply without the VLAN 42 tag";
  auto arp = packet::parse_arp(view->payload);
  ASSERT_TRUE(arp);
  EXPECT_EQ(arp->op, packet::ArpOp::reply);
  EXPECT_EQ(arp->sender_ip, kCalleeSide.relay_address);
  EXPECT_EQ(arp->sender_mac, relay_mac);

  ASSERT_TRUE(trunk_->send(FrameBuilder()
                               .eth(kCalleeMac, relay_mac)
                               .vlan(kVlan)
                               .ipv4(kCalleeSide.host_address, kCalleeSide.relay_address)
                               .icmp_echo(0x4242, 1, {1, 2, 3, 4})
                               .build()));
  // An echo reply is one frame: 802.1Q tag, IPv4 from the relay, ICMP type 0.
  auto echo = next_frame([](const auto& f) { return f.size() > 18 + 20 && f[16] == 0x08 && f[17] == 0x00 && f[18 + 9] == 1; });
  ASSERT_TRUE(echo) << "no ICMP reply";
  const auto& e = *echo;
  EXPECT_EQ((uint16_t(e[12]) << 8 | e[13]), 0x8100) << "echo reply without a VLAN tag";
  EXPECT_EQ((uint16_t(e[14]) << 8 | e[15]) & 0x0fff, kVlan);
  EXPECT_TRUE(std::equal(e.begin() + 18 + 12, e.begin() + 18 + 16, kCalleeSide.relay_address.bytes.begin()));
  const size_t icmp = 18 + size_t(e[18] & 0x0f) * 4;
  ASSERT_GT(e.size(), icmp);
  EXPECT_EQ(e[icmp], 0) << "ICMP type: echo reply";
}

TEST_P(VlanTrunk, RelaysRtpBothWaysTaggedTowardTheVlanSide) {
  HostUdpSocket caller(caller_, {kCallerSide.host_address, 0});
  const Endpoint callee{kCalleeSide.host_address, kCalleePort};
  const ngclient::CallIds ids{"netlab-vlan", "caller-tag", "callee-tag"};
  auto offer = ngclient::offer_request(ids, ngclient::g711_sdp(caller.local(), 1), caller.local().address);
  offer.set("direction", bencode::List{kCallerSide.relay_interface, kCalleeSide.relay_interface});
  auto toward_callee = relay_endpoint(offer);
  auto toward_caller = relay_endpoint(ngclient::answer_request(ids, ngclient::g711_sdp(callee, 2), callee.address));
  ASSERT_TRUE(toward_callee && toward_caller);

  for (uint16_t seq = 1; seq <= 5; ++seq) {
    SCOPED_TRACE(seq);
    const auto sent = rtp_packet(seq, uint8_t(seq));
    ASSERT_TRUE(caller.send_to(*toward_caller, sent));
    auto frame = next_frame([&](const auto& f) {
      auto v = packet::parse_frame(f);
      return v && v->kind == packet::FrameKind::udp && v->dst == callee;
    });
    ASSERT_TRUE(frame) << "RTP not relayed to the VLAN side";
    auto view = packet::parse_frame(*frame);
    EXPECT_TRUE(tagged(*view)) << "RTP toward the callee without the VLAN 42 tag";
    EXPECT_EQ(view->src, *toward_callee);
    EXPECT_EQ(std::vector<uint8_t>(view->payload.begin(), view->payload.end()), sent);
  }

  for (uint16_t seq = 1; seq <= 5; ++seq) {
    SCOPED_TRACE(seq);
    const auto sent = rtp_packet(seq, uint8_t(100 + seq));
    ASSERT_TRUE(trunk_->send(FrameBuilder()
                                 .eth(kCalleeMac, callee_link_.root_mac())
                                 .vlan(kVlan)
                                 .ipv4(kCalleeSide.host_address, toward_callee->address)
                                 .udp(kCalleePort, toward_callee->port)
                                 .payload(sent)
                                 .build()));
    auto got = caller.receive(kWait);
    ASSERT_TRUE(got.has_value()) << "RTP from the VLAN side not relayed";
    EXPECT_EQ(got->from, *toward_caller);
    EXPECT_EQ(got->bytes, sent);
  }
  EXPECT_TRUE(ng_->request(ngclient::delete_request(ids)).ok());
}

INSTANTIATE_TEST_SUITE_P(Vdevs, VlanTrunk, testing::Values(Driver::af_packet, Driver::af_xdp),
                         [](const auto& test_info) { return test_info.param == Driver::af_xdp ? "af_xdp" : "af_packet"; });

}  // namespace
}  // namespace rr::netlab
