// apply_header_template must write exactly the bytes write_egress writes (headers, lengths,
// both checksums) for every shape of egress and every way of getting the UDP checksum.
#include "relay/packet/frame.hpp"
#include "relay/packet/header_template.hpp"
#include "relay/packet/rewrite.hpp"
#include "tests/support/packet_builder.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace rr::packet {
namespace {

using test::Bytes;
using test::FrameBuilder;
using test::ip;
using test::mac;

struct TemplateCase {
  std::string name;
  const char* in_src;  // the received frame's addresses (its family)
  const char* in_dst;
  const char* out_src;  // the egress's
  const char* out_dst;
  bool vlan = false;
  bool offload_udp = false;
  bool offload_ip = false;
  size_t payload = 160;
  bool sender_checksum = true;  // false: the IPv4 sender sent UDP checksum 0
};

class Template : public testing::TestWithParam<TemplateCase> {};

EgressHeaders egress_of(const TemplateCase& c) {
  EgressHeaders e;
  e.l2 = {mac("02:00:00:00:00:aa"), mac("02:00:00:00:00:bb"), c.vlan, 0x2064};
  e.src = {ip(c.out_src), 20000};
  e.dst = {ip(c.out_dst), 30001};
  e.ttl = 63;
  e.dscp = 46;
  e.offload_udp_checksum = c.offload_udp;
  e.offload_ipv4_checksum = c.offload_ip;
  return e;
}

Bytes received(const TemplateCase& c) {
  FrameBuilder b;
  if (ip(c.in_src).is_v4()) b.ipv4(ip(c.in_src), ip(c.in_dst)); else b.ipv6(ip(c.in_src), ip(c.in_dst));
  b.udp(4000, 10000).rtp(7, 160, 0x1234, 0);
  if (c.payload > 12) b.payload(c.payload - 12, 0xd5);
  Bytes frame = b.build();
  if (!c.sender_checksum) {
    auto view = parse_frame(frame);
    frame[view->l4_offset + 6] = frame[view->l4_offset + 7] = 0;
  }
  return frame;
}

constexpr size_t kHeadroom = 128;

// The payload at kHeadroom of a fresh buffer, the headers written in front of it.
Bytes with_payload(const FrameView& view) {
  Bytes room(kHeadroom + view.payload_size + 16, 0xee);
  std::copy(view.payload.begin(), view.payload.end(), room.begin() + kHeadroom);
  return room;
}

TEST_P(Template, WritesWhatWriteEgressWrites) {
  const TemplateCase& c = GetParam();
  const Bytes in = received(c);
  const auto view = parse_frame(in);
  ASSERT_TRUE(view.ok());
  EgressHeaders egress = egress_of(c);
  const auto header = make_header_template(egress);
  ASSERT_TRUE(header.ok());
  EXPECT_EQ(header->size, header_size(egress));

  // Reference: write_egress, with the payload sum recovered the way the worker recovers it.
  egress.payload_sum = received_payload_sum(*view);
  Bytes expected(header_size(egress) + view->payload_size);
  std::copy(view->payload.begin(), view->payload.end(), expected.end() - view->payload_size);
  ASSERT_TRUE(write_egress(expected, egress).ok());

  for (const bool unchanged : {true, false}) {
    SCOPED_TRACE(unchanged ? "derived from the received checksum" : "summed over the payload");
    Bytes room = with_payload(*view);
    const auto start = apply_header_template(room, kHeadroom, view->payload_size, *header,
                                             unchanged ? &*view : nullptr);
    ASSERT_TRUE(start.ok()) << name(start.drop());
    EXPECT_EQ(*start, kHeadroom - header->size);
    const Bytes out(room.begin() + static_cast<std::ptrdiff_t>(*start),
                    room.begin() + static_cast<std::ptrdiff_t>(kHeadroom + view->payload_size));
    EXPECT_EQ(out, expected);
    if (!c.offload_udp && !c.offload_ip) {
      EXPECT_TRUE(parse_frame(out, ParseOptions{true, true}).ok());  // both checksums verify
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Rows, Template,
    testing::Values(
        TemplateCase{"v4", "198.51.100.7", "192.0.2.1", "192.0.2.1", "203.0.113.9"},
        TemplateCase{"v4_vlan", "198.51.100.7", "192.0.2.1", "192.0.2.1", "203.0.113.9", true},
        TemplateCase{"v4_odd_payload", "198.51.100.7", "192.0.2.1", "192.0.2.1", "203.0.113.9", false, false, false, 33},
        TemplateCase{"v4_rtp_header_only", "198.51.100.7", "192.0.2.1", "192.0.2.1", "203.0.113.9", false, false, false, 12},
        TemplateCase{"v4_sender_sent_no_checksum", "198.51.100.7", "192.0.2.1", "192.0.2.1", "203.0.113.9", false, false, false, 160, false},
        TemplateCase{"v4_offload_both", "198.51.100.7", "192.0.2.1", "192.0.2.1", "203.0.113.9", false, true, true},
        TemplateCase{"v4_offload_ip_only", "198.51.100.7", "192.0.2.1", "192.0.2.1", "203.0.113.9", false, false, true},
        TemplateCase{"v6", "2001:db8::7", "2001:db8::1", "2001:db8:1::1", "2001:db8:2::9"},
        TemplateCase{"v6_vlan_offload", "2001:db8::7", "2001:db8::1", "2001:db8:1::1", "2001:db8:2::9", true, true},
        TemplateCase{"v4_to_v6", "198.51.100.7", "192.0.2.1", "2001:db8:1::1", "2001:db8:2::9"},
        TemplateCase{"v6_to_v4_vlan", "2001:db8::7", "2001:db8::1", "192.0.2.1", "203.0.113.9", true}),
    [](const testing::TestParamInfo<TemplateCase>& row) { return row.param.name; });

TEST(Template, RefusesMixedFamilies) {
  EgressHeaders e;
  e.src = {ip("192.0.2.1"), 1};
  e.dst = {ip("2001:db8::1"), 2};
  const auto header = make_header_template(e);
  ASSERT_FALSE(header.ok());
  EXPECT_EQ(header.drop(), DropReason::unhandled);
}

// 42 bytes of IPv4 headers.
HeaderTemplate plain_v4() {
  EgressHeaders e;
  e.src = {ip("192.0.2.1"), 1};
  e.dst = {ip("192.0.2.2"), 2};
  return *make_header_template(e);
}

TEST(Template, RefusesTooLittleHeadroomOrRoom) {
  const HeaderTemplate header = plain_v4();
  Bytes room(100);
  struct Row {
    size_t payload_at, payload_size;
    bool ok;  // else too_short
  };
  for (const Row& row : {Row{41, 10, false}, Row{42, 59, false}, Row{42, 58, true}}) {
    const auto start = apply_header_template(room, row.payload_at, row.payload_size, header, nullptr);
    EXPECT_EQ(start.ok(), row.ok) << row.payload_at << " " << row.payload_size;
    if (!start.ok()) {
      EXPECT_EQ(start.drop(), DropReason::too_short);
    }
  }
}

TEST(Template, RefusesAnIpv4PacketOverItsLengthField) {
  Bytes room(70'000);
  const auto start = apply_header_template(room, 64, 0xffff - 27, plain_v4(), nullptr);
  ASSERT_FALSE(start.ok());
  EXPECT_EQ(start.drop(), DropReason::mtu_exceeded);
}

}  // namespace
}  // namespace rr::packet
