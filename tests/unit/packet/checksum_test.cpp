#include "relay/packet/checksum.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "tests/support/packet_builder.hpp"

namespace rr::packet {
namespace {

using test::Bytes;

struct KnownAnswer {
  std::string name;
  Bytes data;
  uint16_t checksum;
};

class InternetChecksum : public testing::TestWithParam<KnownAnswer> {};

TEST_P(InternetChecksum, MatchesKnownAnswer) {
  EXPECT_EQ(internet_checksum(GetParam().data), GetParam().checksum);
}

INSTANTIATE_TEST_SUITE_P(Known, InternetChecksum, testing::Values(
    // RFC 1071 section 3: the words sum to 0xddf2.
    KnownAnswer{"rfc1071_example", {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7}, 0x220d},
    // A captured IPv4 header (192.168.0.1 -> 192.168.0.199, UDP) with its checksum zeroed.
    KnownAnswer{"ipv4_header", {0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
                                0x00, 0x00, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7}, 0xb861},
    KnownAnswer{"same_header_verifies", {0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
                                         0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7}, 0x0000},
    KnownAnswer{"empty", {}, 0xffff},
    KnownAnswer{"odd_byte_is_high_half", {0x12}, 0xedff},
    KnownAnswer{"all_ones", Bytes(64, 0xff), 0x0000}),
    [](const auto& row) { return row.param.name; });

// The 64-bit word loop against the byte-by-byte reference at every length and alignment.
TEST(InternetChecksum, AgreesWithReferenceAtEveryLengthAndOffset) {
  Bytes data(300);
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i * 37 + 11);
  for (size_t offset = 0; offset < 8; ++offset) {
    for (size_t length = 0; length + offset <= data.size(); ++length) {
      std::span<const uint8_t> piece(data.data() + offset, length);
      ASSERT_EQ(internet_checksum(piece), test::reference_checksum(piece))
          << "offset " << offset << " length " << length;
    }
  }
}

struct UpdateCase {
  std::string name;
  uint16_t checksum, old_word, new_word, expected;
};

class IncrementalUpdate : public testing::TestWithParam<UpdateCase> {};

TEST_P(IncrementalUpdate, FollowsRfc1624) {
  const UpdateCase& c = GetParam();
  EXPECT_EQ(checksum_update16(c.checksum, c.old_word, c.new_word), c.expected);
}

INSTANTIATE_TEST_SUITE_P(Rfc1624, IncrementalUpdate, testing::Values(
    // RFC 1624 section 4: eqn. 3 gives 0x0000 where eqn. 2 wrongly gave 0xffff.
    UpdateCase{"rfc1624_example", 0xdd2f, 0x5555, 0x3285, 0x0000},
    UpdateCase{"no_change", 0x1234, 0xabcd, 0xabcd, 0x1234},
    UpdateCase{"echo_request_to_reply", 0xf7fe, 0x0800, 0x0000, 0xfffe}),
    [](const auto& row) { return row.param.name; });

TEST(IncrementalUpdate, MatchesFullRecomputeForEveryWordOfAHeader) {
  Bytes header{0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
               0x00, 0x00, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7};
  test::set16(header, 10, test::reference_checksum(header));
  for (size_t at = 0; at < header.size(); at += 2) {
    if (at == 10) continue;
    for (uint16_t value : {0x0000, 0xffff, 0x1234, 0x8000}) {
      Bytes changed = header;
      test::set16(changed, at, value);
      test::set16(changed, 10, 0);
      uint16_t expected = test::reference_checksum(changed);
      uint16_t old_word = static_cast<uint16_t>(header[at] << 8 | header[at + 1]);
      uint16_t old_checksum = static_cast<uint16_t>(header[10] << 8 | header[11]);
      EXPECT_EQ(checksum_update16(old_checksum, old_word, value), expected) << "word " << at;
      EXPECT_EQ(checksum_update(old_checksum, std::span(header).subspan(at, 2),
                                std::span(changed).subspan(at, 2)), expected) << "word " << at;
    }
  }
}

// An SRTP tag written into bytes that were zero when the checksum was summed: at every
// offset, odd ones included, and every length, the update equals a full recompute.
TEST(IncrementalUpdate, AddedBytesMatchFullRecomputeAtEveryOffset) {
  Bytes data(61);
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i * 37 + 11);
  for (size_t len : {1, 4, 10, 16}) {
    for (size_t at = 0; at + len <= data.size(); ++at) {
      Bytes before = data;
      std::fill_n(before.begin() + static_cast<std::ptrdiff_t>(at), len, uint8_t{0});
      const uint16_t old_checksum = internet_checksum(before);
      EXPECT_EQ(checksum_add(old_checksum, std::span(data).subspan(at, len), at % 2 == 1),
                internet_checksum(data))
          << "length " << len << " at " << at;
    }
  }
}

TEST(UdpChecksum, MatchesReferenceOverBothPseudoHeaders) {
  for (const char* family : {"v4", "v6"}) {
    bool v4 = std::string(family) == "v4";
    IpAddress src = test::ip(v4 ? "192.0.2.1" : "2001:db8::1");
    IpAddress dst = test::ip(v4 ? "198.51.100.7" : "2001:db8::2");
    Bytes datagram{0x0f, 0xa0, 0x27, 0x10, 0x00, 0x0d, 0x00, 0x00, 'h', 'e', 'l', 'l', 'o'};
    uint16_t expected = test::reference_checksum(datagram, test::reference_pseudo_sum(src, dst, 17, 13));
    EXPECT_EQ(udp_checksum(src, dst, datagram), expected) << family;
    test::set16(datagram, 6, expected);
    EXPECT_TRUE(udp_checksum_ok(src, dst, datagram)) << family;
    datagram[9] ^= 1;
    EXPECT_FALSE(udp_checksum_ok(src, dst, datagram)) << family;
    EXPECT_EQ(icmpv6_checksum(src, dst, datagram),
              test::reference_checksum(datagram, test::reference_pseudo_sum(src, dst, 58, 13)));
  }
}

}  // namespace
}  // namespace rr::packet

namespace rr::packet {
namespace {

// fold's four fixed steps against the plain loop, at the carries' edges.
uint16_t fold_by_loop(uint64_t sum) {
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<uint16_t>(sum);
}

TEST(Fold, EqualsFoldingUntilNoCarry) {
  for (const uint64_t sum : {uint64_t{0}, uint64_t{1}, uint64_t{0xffff}, uint64_t{0x10000}, uint64_t{0x1fffe},
                             uint64_t{0x1ffff}, uint64_t{0x2fffe}, uint64_t{0xffffffff}, uint64_t{0x100000000},
                             uint64_t{0x1fffffffe}, uint64_t{0xffff0000ffff0000}, uint64_t{0xfffffffffffeffff},
                             ~uint64_t{0}}) {
    EXPECT_EQ(fold(sum), fold_by_loop(sum)) << std::hex << sum;
  }
}

}  // namespace
}  // namespace rr::packet
