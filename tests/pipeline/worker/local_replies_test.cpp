// Frames for the relay itself: ARP, neighbour solicitation and ping are answered on the
// port they came from, byte for byte; requests for other hosts are counted and dropped.
#include "tests/pipeline/worker/harness.hpp"

namespace rr::worker::test {
namespace {

const packet::MacAddress kZeroMac{};

Bytes concat(std::initializer_list<std::span<const uint8_t>> parts) {
  Bytes out;
  for (auto part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

TEST_F(WorkerPipeline, AnswersArpForOurAddressOnly) {
  start_worker();
  inject_a(FrameBuilder().eth(kPhoneMacA, packet::MacAddress::broadcast())
               .arp(1, kPhoneMacA, kPhoneA, kZeroMac, kRelayA).trailer(18).build());
  inject_a(FrameBuilder().eth(kPhoneMacA, packet::MacAddress::broadcast())
               .arp(1, kPhoneMacA, kPhoneA, kZeroMac, ip("192.0.2.2")).trailer(18).build());
  poll();
  const auto out = out_a();
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0], FrameBuilder().eth(kRelayMacA, kPhoneMacA).arp(2, kRelayMacA, kRelayA, kPhoneMacA, kPhoneA).build());
  EXPECT_EQ(count(Counter::arp_replies), 1U);
  EXPECT_EQ(dropped(DropReason::unhandled), 1U);
}

TEST_F(WorkerPipeline, AnswersNeighbourSolicitationWithAdvertisement) {
  start_worker();
  const Bytes option = concat({Bytes{1, 1}, kPhoneMacB.bytes});
  const Bytes ns_body = concat({Bytes{0, 0, 0, 0}, kRelayB6.bytes, option});
  inject_b(FrameBuilder().eth(kPhoneMacB, mac("33:33:ff:00:00:01"))
               .ipv6(kPhoneB6, ip("ff02::1:ff00:1")).ttl(255).icmp(135, 0, ns_body).build());
  poll();
  const auto out = out_b();
  ASSERT_EQ(out.size(), 1U);
  const Bytes na_body = concat({Bytes{0x60, 0, 0, 0}, kRelayB6.bytes, Bytes{2, 1}, kRelayMacB.bytes});
  EXPECT_EQ(out[0], FrameBuilder().eth(kRelayMacB, kPhoneMacB).ipv6(kRelayB6, kPhoneB6).ttl(255)
                        .icmp(136, 0, na_body).build());
  EXPECT_EQ(count(Counter::nd_advertisements), 1U);
}

TEST_F(WorkerPipeline, AnswersPingOnBothFamilies) {
  start_worker();
  const Bytes data(56, 0x5a);
  inject_a(FrameBuilder().eth(kPhoneMacA, kRelayMacA).ipv4(kPhoneA, kRelayA).ttl(50)
               .icmp_echo(0x1234, 1, data).build());
  inject_b(FrameBuilder().eth(kPhoneMacB, kRelayMacB).ipv6(kPhoneB6, kRelayB6).ttl(50)
               .icmp_echo(0x4321, 2, data).build());
  poll();
  const auto a = out_a();
  ASSERT_EQ(a.size(), 1U);
  Bytes echo4 = {0x12, 0x34, 0, 1};
  echo4.insert(echo4.end(), data.begin(), data.end());
  EXPECT_EQ(a[0], FrameBuilder().eth(kRelayMacA, kPhoneMacA).ipv4(kRelayA, kPhoneA).ttl(64)
                      .icmp(0, 0, echo4).build());
  const auto b = out_b();
  ASSERT_EQ(b.size(), 1U);
  Bytes echo6 = {0x43, 0x21, 0, 2};
  echo6.insert(echo6.end(), data.begin(), data.end());
  EXPECT_EQ(b[0], FrameBuilder().eth(kRelayMacB, kPhoneMacB).ipv6(kRelayB6, kPhoneB6).ttl(64)
                      .icmp(129, 0, echo6).build());
  EXPECT_EQ(count(Counter::echo_replies), 2U);
}

TEST_F(WorkerPipeline, MalformedFramesAreCountedByReason) {
  start_worker();
  inject_a(Bytes(10, 0));  // shorter than Ethernet
  inject_a(FrameBuilder().eth(kPhoneMacA, kRelayMacA).ipv4(kPhoneA, kRelayA).ip_checksum_override(1)
               .udp(4000, 10000).payload(20, 0).build());
  poll();
  EXPECT_TRUE(out_a().empty());
  EXPECT_EQ(dropped(DropReason::too_short), 1U);
  EXPECT_EQ(dropped(DropReason::bad_ip_checksum), 1U);
}

}  // namespace
}  // namespace rr::worker::test
