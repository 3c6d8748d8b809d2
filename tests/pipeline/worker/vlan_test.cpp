// 802.1Q on ingress: a port on a VLAN relays and answers only that VLAN's frames; an untagged
// port only untagged (or priority-tagged) ones. Everything else is dropped as wrong_vlan
// before the table or the local replies see it: no output, no latch, no stats.
#include <optional>
#include <string>
#include <vector>

#include "tests/pipeline/worker/harness.hpp"

namespace rr::worker::test {
namespace {

const packet::MacAddress kZeroMac{};

TEST_F(WorkerPipeline, VlanTaggedInIsAcceptedAndEgressPortTagsOut) {
  vlan_a_ = 42;
  start_worker(/*vlan_on_b=*/true);
  announce_phones();
  const MediaSpec spec;
  publish(spec);
  const FrameBuilder in = rtp_from(kPhoneMacA, kRelayMacA, spec.a_sdp, {kRelayA, 10000}, 9).vlan(42);
  inject_a(in.build());
  poll();
  const auto out = out_b();
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0], relayed(kRelayMacB, kPhoneMacB, {kRelayB, 10002}, spec.b_sdp, in.udp_payload(), kVlanB));
  EXPECT_EQ(dropped(DropReason::wrong_vlan), 0U);
}

struct VlanCase {
  std::string name;
  std::optional<uint16_t> port_vlan;  // port A's VLAN ID; none = untagged port
  std::vector<uint16_t> tags;         // TCIs on the frame, outer first
  bool relayed;
};

// TCI 0xa02a: PCP 5, VID 42 (priority bits are not part of the VLAN ID).
const VlanCase kVlanCases[] = {
    {"own_vlan_with_priority_bits", 42, {0xa02a}, true},
    {"other_vlan_on_tagged_port", 42, {43}, false},
    {"untagged_on_tagged_port", 42, {}, false},
    {"tagged_on_untagged_port", std::nullopt, {42}, false},
    {"priority_tag_on_untagged_port", std::nullopt, {0x6000}, true},
    {"qinq_on_tagged_port", 42, {42, 42}, false},
    {"qinq_on_untagged_port", std::nullopt, {7, 42}, false},
};

class VlanIngress : public WorkerPipeline, public testing::WithParamInterface<VlanCase> {};

TEST_P(VlanIngress, RelaysOnlyThePortsVlan) {
  const VlanCase& c = GetParam();
  vlan_a_ = c.port_vlan;
  start_worker();
  announce_phones();
  const MediaSpec spec;
  const Media media = publish(spec);
  FrameBuilder in = rtp_from(kPhoneMacA, kRelayMacA, spec.a_sdp, {kRelayA, 10000}, 9);
  for (const uint16_t tci : c.tags) in.vlan(tci);
  inject_a(in.build());
  poll();
  EXPECT_EQ(out_b().size(), c.relayed ? 1U : 0U);
  EXPECT_EQ(dropped(DropReason::wrong_vlan), c.relayed ? 0U : 1U);
  EXPECT_EQ(media.from_a->stats.snapshot().packets, c.relayed ? 1U : 0U) << "a foreign VLAN is not in the stats";
}

INSTANTIATE_TEST_SUITE_P(Ingress, VlanIngress, testing::ValuesIn(kVlanCases),
                         [](const auto& param_info) { return param_info.param.name; });

TEST_F(WorkerPipeline, ArpFromAnotherVlanIsNotAnswered) {
  vlan_a_ = 42;
  start_worker();
  inject_a(FrameBuilder().eth(kPhoneMacA, packet::MacAddress::broadcast()).vlan(43)
               .arp(1, kPhoneMacA, kPhoneA, kZeroMac, kRelayA).trailer(18).build());
  inject_a(FrameBuilder().eth(kPhoneMacA, packet::MacAddress::broadcast()).vlan(42)
               .arp(1, kPhoneMacA, kPhoneA, kZeroMac, kRelayA).trailer(18).build());
  poll();
  const auto out = out_a();
  ASSERT_EQ(out.size(), 1U) << "only the request on the port's own VLAN is answered";
  EXPECT_EQ(out[0], FrameBuilder().eth(kRelayMacA, kPhoneMacA).vlan(42)
                        .arp(2, kRelayMacA, kRelayA, kPhoneMacA, kPhoneA).build());
  EXPECT_EQ(count(Counter::arp_replies), 1U);
  EXPECT_EQ(dropped(DropReason::wrong_vlan), 1U);
}

}  // namespace
}  // namespace rr::worker::test
