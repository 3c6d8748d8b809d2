// The RFC 3711 master key identifier through SrtpSession: where each suite's trailer carries
// it, that protect writes it, that unprotect checks and strips it, and the SDES value <-> wire
// bytes mapping. (libsrtp agrees byte for byte: oracle_test's mki_* variants.)
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "relay/srtp/keygen.hpp"
#include "relay/srtp/session.hpp"
#include "tests/unit/srtp/packets.hpp"

namespace rr::srtp {
namespace {

using Bytes = std::vector<uint8_t>;
using testing_packets::rtcp_packet;
using testing_packets::rtp_packet;

TEST(Mki, SdesValueToWireBytes) {
  struct Row {
    uint64_t value;
    size_t len;
    std::optional<Bytes> wire;  // nullopt: refused
  };
  const Row rows[] = {
      {1, 1, Bytes{0x01}},
      {0, 1, Bytes{0x00}},
      {0x01020304, 4, Bytes{0x01, 0x02, 0x03, 0x04}},
      {7, 3, Bytes{0x00, 0x00, 0x07}},
      {UINT64_MAX, 10, Bytes{0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}},
      {256, 1, std::nullopt},  // does not fit in one byte
      {1, 0, std::nullopt},
      {1, kMaxMkiLen + 1, std::nullopt},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(std::to_string(row.value) + ":" + std::to_string(row.len));
    const std::optional<Mki> mki = Mki::from_value(row.value, row.len);
    ASSERT_EQ(mki.has_value(), row.wire.has_value());
    if (!mki) continue;
    EXPECT_EQ(Bytes(mki->view().begin(), mki->view().end()), *row.wire);
    EXPECT_EQ(mki->value(), row.value);
  }
  EXPECT_EQ(Mki::from_value(1, kMaxMkiLen)->view().size(), kMaxMkiLen);
}

const Mki kMki = *Mki::from_value(0xA1B2C3D4, 4);

std::optional<SrtpSession> session(const KeyMaterial& key, Direction direction, const Mki& mki) {
  SessionParams params{key, direction, std::nullopt, false};
  params.key.mki = mki;
  return std::move(SrtpSession::create(params).session);
}

class MkiEverySuite : public testing::TestWithParam<SuiteInfo> {
 protected:
  void SetUp() override {
    key_ = *generate_key(GetParam().suite);
    out_ = session(key_, Direction::outbound, kMki);
    in_ = session(key_, Direction::inbound, kMki);
    ASSERT_TRUE(out_ && in_);
  }
  // Where the MKI starts, counted from the packet's end: before the AES-CM tag (which does
  // not cover it), after everything else with GCM.
  size_t mki_from_end(bool rtcp) const {
    const SuiteInfo& s = GetParam();
    return kMki.len + (s.aead ? 0 : rtcp ? s.rtcp_tag_len : s.rtp_tag_len);
  }
  KeyMaterial key_;
  std::optional<SrtpSession> out_, in_;
};

// RTP and SRTCP: the trailer grows by the MKI, which sits where mki_from_end() says, and
// unprotect gives the plaintext back.
TEST_P(MkiEverySuite, PacketsCarryTheMkiAndComeBack) {
  EXPECT_EQ(out_->trailer_len(), GetParam().rtp_tag_len + kMki.len);
  EXPECT_EQ(out_->rtcp_trailer_len(), GetParam().rtcp_tag_len + kSrtcpIndexLen + kMki.len);
  for (bool rtcp : {false, true}) {
    SCOPED_TRACE(rtcp ? "SRTCP" : "SRTP");
    const Bytes plain = rtcp ? rtcp_packet() : rtp_packet(1);
    Bytes wire = plain;
    wire.resize(plain.size() + (rtcp ? out_->rtcp_trailer_len() : out_->trailer_len()));
    const SrtpResult p = rtcp ? out_->protect_rtcp(wire.data(), plain.size(), wire.size())
                              : out_->protect(wire.data(), plain.size(), wire.size());
    ASSERT_TRUE(p.ok()) << to_string(p.error);
    ASSERT_EQ(p.len, wire.size());
    const auto at = wire.end() - static_cast<long>(mki_from_end(rtcp));
    EXPECT_EQ(Bytes(at, at + kMki.len), Bytes(kMki.view().begin(), kMki.view().end()));
    const SrtpResult u = rtcp ? in_->unprotect_rtcp(wire.data(), p.len) : in_->unprotect(wire.data(), p.len);
    ASSERT_TRUE(u.ok()) << to_string(u.error);
    EXPECT_EQ(Bytes(wire.begin(), wire.begin() + static_cast<long>(u.len)), plain);
  }
}

// Same key, another MKI (or none) on the receiver: an authentication drop, RTP and SRTCP alike.
TEST_P(MkiEverySuite, AnotherMkiIsAnAuthenticationFailure) {
  auto other = session(key_, Direction::inbound, *Mki::from_value(0xA1B2C3D5, 4));
  ASSERT_TRUE(other);
  Bytes rtp = rtp_packet(1);
  const size_t rtp_len = rtp.size();
  rtp.resize(rtp_len + out_->trailer_len());
  const SrtpResult p = out_->protect(rtp.data(), rtp_len, rtp.size());
  Bytes rtcp = rtcp_packet();
  const size_t rtcp_len = rtcp.size();
  rtcp.resize(rtcp_len + out_->rtcp_trailer_len());
  const SrtpResult pc = out_->protect_rtcp(rtcp.data(), rtcp_len, rtcp.size());
  ASSERT_TRUE(p.ok() && pc.ok());
  Bytes copy = rtp;
  EXPECT_EQ(other->unprotect(copy.data(), p.len).error, SrtpError::auth_fail);
  copy = rtcp;
  EXPECT_EQ(other->unprotect_rtcp(copy.data(), pc.len).error, SrtpError::auth_fail);
  auto without = session(key_, Direction::inbound, Mki{});
  ASSERT_TRUE(without);
  copy = rtp;
  EXPECT_FALSE(without->unprotect(copy.data(), p.len).ok());
  // The genuine receiver was not disturbed by any of it.
  EXPECT_TRUE(in_->unprotect(rtp.data(), p.len).ok());
  EXPECT_TRUE(in_->unprotect_rtcp(rtcp.data(), pc.len).ok());
}

TEST_P(MkiEverySuite, TheMkiMustFitTheTailroom) {
  const Bytes plain = rtp_packet(1);
  Bytes buf = plain;
  buf.resize(plain.size() + out_->trailer_len() - 1);
  EXPECT_EQ(out_->protect(buf.data(), plain.size(), buf.size()).error, SrtpError::no_room);
  EXPECT_EQ(buf, [&] { Bytes b = plain; b.resize(buf.size()); return b; }());
  Bytes rtcp = rtcp_packet();
  const size_t len = rtcp.size();
  rtcp.resize(len + out_->rtcp_trailer_len() - 1);
  EXPECT_EQ(out_->protect_rtcp(rtcp.data(), len, rtcp.size()).error, SrtpError::no_room);
  // Shorter than a header plus tag and MKI: too short to be SRTP of this session.
  Bytes tiny = plain;
  tiny.resize(12 + in_->trailer_len() - 1);
  EXPECT_EQ(in_->unprotect(tiny.data(), tiny.size()).error, SrtpError::too_short);
}

INSTANTIATE_TEST_SUITE_P(Suites, MkiEverySuite, testing::ValuesIn(kSuites),
                         [](const auto& param_info) { return std::string(param_info.param.sdes_name); });

}  // namespace
}  // namespace rr::srtp
