// SrtpSession behaviour per suite: round trips, tampering, replay, bounds.
#include "relay/srtp/session.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "relay/srtp/keygen.hpp"
#include "tests/unit/srtp/packets.hpp"

namespace rr::srtp {
namespace {

using Bytes = std::vector<uint8_t>;

using testing_packets::rtcp_packet;
using testing_packets::rtp_packet;

struct Pair {
  SrtpSession out, in;
};

Pair sessions(CryptoSuite suite) {
  const auto key = generate_key(suite);
  EXPECT_TRUE(key.has_value());
  SessionParams params;
  params.key = *key;
  params.direction = Direction::outbound;
  auto out = SrtpSession::create(params);
  params.direction = Direction::inbound;
  auto in = SrtpSession::create(params);
  EXPECT_TRUE(out.ok() && in.ok()) << to_string(out.error) << " / " << to_string(in.error);
  return {std::move(*out.session), std::move(*in.session)};
}

// Protects `plain` into an exactly sized buffer; returns the SRTP bytes.
Bytes protect(SrtpSession& s, const Bytes& plain) {
  Bytes buf = plain;
  buf.resize(plain.size() + s.trailer_len());
  const SrtpResult r = s.protect(buf.data(), plain.size(), buf.size());
  EXPECT_TRUE(r.ok()) << to_string(r.error);
  EXPECT_EQ(r.len, buf.size());
  return buf;
}

class EverySuite : public testing::TestWithParam<SuiteInfo> {};

TEST_P(EverySuite, IsAvailableWithThisOpenSsl) { EXPECT_TRUE(suite_available(GetParam().suite)); }

TEST_P(EverySuite, RtpRoundTrip) {
  auto [out, in] = sessions(GetParam().suite);
  for (uint16_t seq = 65530; seq != 5; ++seq) {  // across the sequence wrap (ROC 0 -> 1)
    const Bytes plain = rtp_packet(seq);
    Bytes wire = protect(out, plain);
    EXPECT_EQ(wire.size(), plain.size() + GetParam().rtp_tag_len);
    EXPECT_NE(Bytes(wire.begin() + 12, wire.begin() + 172), Bytes(plain.begin() + 12, plain.end()));
    const SrtpResult r = in.unprotect(wire.data(), wire.size());
    ASSERT_TRUE(r.ok()) << to_string(r.error) << " seq " << seq;
    EXPECT_EQ(Bytes(wire.begin(), wire.begin() + static_cast<long>(r.len)), plain);
  }
}

TEST_P(EverySuite, RtcpRoundTrip) {
  auto [out, in] = sessions(GetParam().suite);
  const Bytes plain = rtcp_packet();
  Bytes buf = plain;
  buf.resize(plain.size() + out.rtcp_trailer_len());
  const SrtpResult p = out.protect_rtcp(buf.data(), plain.size(), buf.size());
  ASSERT_TRUE(p.ok()) << to_string(p.error);
  EXPECT_EQ(p.len, plain.size() + GetParam().rtcp_tag_len + kSrtcpIndexLen);
  const SrtpResult u = in.unprotect_rtcp(buf.data(), p.len);
  ASSERT_TRUE(u.ok()) << to_string(u.error);
  EXPECT_EQ(Bytes(buf.begin(), buf.begin() + static_cast<long>(u.len)), plain);
}

TEST_P(EverySuite, TamperedPacketFailsAuthentication) {
  auto [out, in] = sessions(GetParam().suite);
  for (size_t index : {size_t{2}, size_t{20}, size_t{171}, size_t{172}}) {  // header, payload, tag
    Bytes wire = protect(out, rtp_packet(static_cast<uint16_t>(100 + index)));
    wire[index] ^= 0x01;
    EXPECT_EQ(in.unprotect(wire.data(), wire.size()).error, SrtpError::auth_fail) << "byte " << index;
  }
}

TEST_P(EverySuite, ReplayIsRejected) {
  auto [out, in] = sessions(GetParam().suite);
  const Bytes wire = protect(out, rtp_packet(7));
  Bytes first = wire, second = wire;
  ASSERT_TRUE(in.unprotect(first.data(), first.size()).ok());
  EXPECT_EQ(in.unprotect(second.data(), second.size()).error, SrtpError::replay);
}

TEST_P(EverySuite, WrongKeyFailsAuthentication) {
  auto a = sessions(GetParam().suite);
  auto b = sessions(GetParam().suite);
  Bytes wire = protect(a.out, rtp_packet(1));
  EXPECT_EQ(b.in.unprotect(wire.data(), wire.size()).error, SrtpError::auth_fail);
}

TEST_P(EverySuite, MissingTailroomLeavesPacketUntouched) {
  auto [out, in] = sessions(GetParam().suite);
  const Bytes plain = rtp_packet(1);
  Bytes buf = plain;
  buf.resize(plain.size() + out.trailer_len() - 1);
  const SrtpResult r = out.protect(buf.data(), plain.size(), buf.size());
  EXPECT_EQ(r.error, SrtpError::no_room);
  EXPECT_EQ(Bytes(buf.begin(), buf.begin() + 172), plain);
  Bytes rtcp = rtcp_packet();
  const size_t len = rtcp.size();
  rtcp.resize(len + out.rtcp_trailer_len() - 1);
  EXPECT_EQ(out.protect_rtcp(rtcp.data(), len, rtcp.size()).error, SrtpError::no_room);
}

// The worker prefetches rtp_hot_bytes() a few packets ahead, then the rtp_cipher_context()
// those bytes point to: the span is the session's first lines (RTP crypto with AES-NI's round
// keys, HMAC states, the SSRC table's counters and first slot), not the whole session, and the
// context is the OpenSSL one each direction uses, or none where AES-NI keeps the keys inline.
TEST_P(EverySuite, RtpHotBytesAreTheSessionsFirstLines) {
  auto [out, in] = sessions(GetParam().suite);
  const bool inline_keys = !info(GetParam().suite).aead && aes_ni_available();
  for (const SrtpSession* s : {&out, &in}) {
    const auto bytes = s->rtp_hot_bytes();
    EXPECT_EQ(bytes.data(), reinterpret_cast<const uint8_t*>(s));
    EXPECT_LE(bytes.size(), size_t{10 * 64});  // 608 bytes today: 10 lines, of 19
    EXPECT_LE(bytes.size(), sizeof(SrtpSession) - sizeof(PacketCrypto));  // the RTCP crypto is after it
    EXPECT_EQ(s->rtp_cipher_context() == nullptr, inline_keys);
  }
  if (!inline_keys) {
    EXPECT_NE(out.rtp_cipher_context(), in.rtp_cipher_context());
  }
}

// A tag left pending and completed, alone or two at once, gives protect()'s bytes: two
// outbound sessions of one key, one protecting at once, the other leaving its tags.
TEST_P(EverySuite, PendingTagsCompleteToProtectsBytes) {
  const auto key = generate_key(GetParam().suite);
  ASSERT_TRUE(key.has_value());
  SessionParams params;
  params.key = *key;
  params.direction = Direction::outbound;
  auto now = SrtpSession::create(params), later = SrtpSession::create(params);
  ASSERT_TRUE(now.ok() && later.ok());
  const bool leaves_tags = !GetParam().aead;  // AES-CM + HMAC-SHA1
  for (uint16_t seq = 1; seq < 40; seq += 2) {
    SCOPED_TRACE(seq);
    Bytes a = rtp_packet(seq), b = rtp_packet(static_cast<uint16_t>(seq + 1));
    b.resize(b.size() - seq % 3);  // different lengths, odd ones among them
    const Bytes expected_a = protect(*now.session, a), expected_b = protect(*now.session, b);
    Bytes got_a = a, got_b = b;
    got_a.resize(a.size() + later.session->trailer_len());
    got_b.resize(b.size() + later.session->trailer_len());
    PendingTag tag_a{}, tag_b{};
    const SrtpResult ra = later.session->protect(got_a.data(), a.size(), got_a.size(), tag_a);
    const SrtpResult rb = later.session->protect(got_b.data(), b.size(), got_b.size(), tag_b);
    ASSERT_TRUE(ra.ok() && rb.ok());
    EXPECT_EQ(ra.len, got_a.size());
    EXPECT_EQ(rb.len, got_b.size());
    ASSERT_EQ(tag_a.pending(), leaves_tags);
    ASSERT_EQ(tag_b.pending(), leaves_tags);
    if (leaves_tags) {
      EXPECT_EQ(tag_a.tag + tag_a.tag_len, got_a.data() + got_a.size());
      EXPECT_TRUE(
          std::all_of(tag_a.tag, tag_a.tag + tag_a.tag_len, [](uint8_t x) { return x == 0; }));
      if (seq % 4 == 1) {
        PendingTag* both[] = {&tag_a, &tag_b};
        complete(both);
      } else {
        complete(tag_a);
        complete(tag_b);
      }
      EXPECT_FALSE(tag_a.pending() || tag_b.pending());
    }
    EXPECT_EQ(got_a, expected_a);
    EXPECT_EQ(got_b, expected_b);
  }
}

TEST_P(EverySuite, HostileShortOrGarbageInputIsAnError) {
  auto [out, in] = sessions(GetParam().suite);
  Bytes tiny{0x80, 0x00, 0x00, 0x01, 0x00};
  EXPECT_EQ(in.unprotect(tiny.data(), tiny.size()).error, SrtpError::too_short);
  EXPECT_EQ(in.unprotect_rtcp(tiny.data(), tiny.size()).error, SrtpError::too_short);
  EXPECT_EQ(out.protect(tiny.data(), tiny.size(), 64).error, SrtpError::too_short);
  Bytes garbage(64, 0x80);
  EXPECT_FALSE(in.unprotect(garbage.data(), garbage.size()).ok());
  Bytes garbage_rtcp(64, 0x81);
  EXPECT_FALSE(in.unprotect_rtcp(garbage_rtcp.data(), garbage_rtcp.size()).ok());
}

INSTANTIATE_TEST_SUITE_P(Suites, EverySuite, testing::ValuesIn(kSuites),
                         [](const auto& param_info) { return std::string(param_info.param.sdes_name); });

TEST(SrtpSession, MoveTransfersOwnership) {
  auto [out, in] = sessions(CryptoSuite::aes_cm_128_hmac_sha1_80);
  SrtpSession moved = std::move(out);
  Bytes wire = protect(moved, rtp_packet(1));
  SrtpSession assigned = std::move(in);
  EXPECT_TRUE(assigned.unprotect(wire.data(), wire.size()).ok());
}

TEST(SrtpSession, SpecificSsrcRejectsOthers) {
  const auto key = generate_key(CryptoSuite::aes_cm_128_hmac_sha1_80);
  ASSERT_TRUE(key);
  SessionParams params{*key, Direction::outbound, 0x12345678u, false};
  auto out = SrtpSession::create(params);
  params.ssrc = 0x0BADCAFEu;
  params.direction = Direction::inbound;
  auto in = SrtpSession::create(params);
  ASSERT_TRUE(out.ok() && in.ok());
  Bytes wire = protect(*out.session, rtp_packet(1));
  EXPECT_EQ(in.session->unprotect(wire.data(), wire.size()).error, SrtpError::other);
}

// RFC 4568 6.3 session parameters: what reaches the wire, and that both ends agree.
TEST(SrtpSession, SdesSessionParametersChangeWhatIsProtected) {
  struct Row {
    const char* name;
    bool encrypt_rtp, authenticate_rtp;
    bool payload_in_clear;
    size_t trailer;
  };
  const Row rows[] = {{"full service", true, true, false, 10},
                      {"UNENCRYPTED_SRTP", false, true, true, 10},
                      {"UNAUTHENTICATED_SRTP", true, false, false, 0}};
  const auto key = generate_key(CryptoSuite::aes_cm_128_hmac_sha1_80);
  ASSERT_TRUE(key);
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    SessionParams params{*key, Direction::outbound, std::nullopt, false};
    params.encrypt_rtp = row.encrypt_rtp;
    params.authenticate_rtp = row.authenticate_rtp;
    auto out = SrtpSession::create(params);
    params.direction = Direction::inbound;
    auto in = SrtpSession::create(params);
    ASSERT_TRUE(out.ok() && in.ok());
    const Bytes plain = rtp_packet(1);
    Bytes buf = plain;
    buf.resize(plain.size() + out.session->trailer_len());
    const SrtpResult r = out.session->protect(buf.data(), plain.size(), buf.size());
    ASSERT_TRUE(r.ok()) << to_string(r.error);
    EXPECT_EQ(r.len, plain.size() + row.trailer);
    EXPECT_EQ(std::equal(plain.begin(), plain.end(), buf.begin()), row.payload_in_clear);
    const SrtpResult back = in.session->unprotect(buf.data(), r.len);
    ASSERT_TRUE(back.ok()) << to_string(back.error);
    EXPECT_TRUE(std::equal(plain.begin(), plain.end(), buf.begin()));
  }
}

TEST(SrtpSession, AeadSuitesCannotBeUnauthenticated) {
  for (CryptoSuite suite : {CryptoSuite::aead_aes_128_gcm, CryptoSuite::aead_aes_256_gcm}) {
    SessionParams params;
    params.key.suite = suite;
    params.authenticate_rtp = false;
    EXPECT_EQ(SrtpSession::create(params).error, CreateError::unauthenticated_aead);
  }
}

// A stream keeps its ROC and replay window per SSRC; a fifth SSRC evicts the least recently used.
TEST(SrtpSession, SsrcStatesAreKeptApartAndTheOldestIsEvicted) {
  auto [out, in] = sessions(CryptoSuite::aes_cm_128_hmac_sha1_80);
  const auto packet = [](uint16_t seq, uint32_t ssrc) {
    Bytes p = rtp_packet(seq);
    for (int i = 0; i < 4; ++i) p[8 + i] = static_cast<uint8_t>(ssrc >> (24 - 8 * i));
    return p;
  };
  std::vector<Bytes> first;
  for (uint32_t ssrc = 1; ssrc <= 4; ++ssrc) {
    first.push_back(protect(out, packet(100, ssrc)));
    Bytes copy = first.back();
    ASSERT_TRUE(in.unprotect(copy.data(), copy.size()).ok()) << ssrc;
  }
  for (Bytes wire : first) EXPECT_EQ(in.unprotect(wire.data(), wire.size()).error, SrtpError::replay);
  Bytes fifth = protect(out, packet(100, 5));
  ASSERT_TRUE(in.unprotect(fifth.data(), fifth.size()).ok());
  // SSRC 1 was used least recently: its replay state is gone, the others' stays.
  Bytes again = first[0];
  EXPECT_TRUE(in.unprotect(again.data(), again.size()).ok());
  again = first[3];
  EXPECT_EQ(in.unprotect(again.data(), again.size()).error, SrtpError::replay);
}

}  // namespace
}  // namespace rr::srtp
