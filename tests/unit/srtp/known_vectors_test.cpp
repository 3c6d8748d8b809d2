// Known-answer tests: RFC 3711 B.2 (AES-CM keystream) and B.3 (key derivation), RFC 7714
// 16.1.1 / 17.2 (AEAD_AES_128_GCM SRTP, AEAD_AES_256_GCM SRTCP) on the crypto layer, and
// libsrtp's own reference packets (test/srtp_driver.c srtp_validate*) through SrtpSession,
// so a wrong key layout, IV, derivation or trailer cannot pass.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "relay/srtp/aes.hpp"
#include "relay/srtp/kdf.hpp"
#include "relay/srtp/packet_crypto.hpp"
#include "relay/srtp/session.hpp"

namespace rr::srtp {
namespace {

using Bytes = std::vector<uint8_t>;

Bytes hex(std::string_view text) {
  Bytes out;
  std::string digits;
  for (char c : text)
    if (c != ' ') digits += c;
  for (size_t i = 0; i + 1 < digits.size(); i += 2) out.push_back(static_cast<uint8_t>(std::stoi(digits.substr(i, 2), nullptr, 16)));
  return out;
}

KeyMaterial key_of(CryptoSuite suite, const Bytes& key_and_salt) {
  KeyMaterial key;
  key.suite = suite;
  std::copy(key_and_salt.begin(), key_and_salt.end(), key.bytes.begin());
  return key;
}

SrtpSession session(const KeyMaterial& key, Direction direction) {
  SessionParams params;
  params.key = key;
  params.direction = direction;
  auto created = SrtpSession::create(params);
  EXPECT_TRUE(created.ok()) << to_string(created.error);
  return std::move(*created.session);
}

TEST(Rfc3711B2, AesCounterModeKeystream) {
  AesCm aes;
  ASSERT_TRUE(aes.init(hex("2B7E151628AED2A6ABF7158809CF4F3C")));
  const Bytes iv = hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");  // session salt * 2^16, SSRC 0, index 0
  Bytes keystream(48, 0);  // encrypting zeros yields the keystream
  ASSERT_TRUE(aes.apply(iv.data(), keystream));
  EXPECT_EQ(keystream, hex("E03EAD0935C95E80E166B16DD92B4EB4D23513162B02D0F72A43A2FE4A5F97AB"
                           "41E95B3BB0A2E8DD477901E4FCA894C0"));
}

TEST(Rfc3711B3, KeyDerivation) {
  const KeyMaterial master = key_of(CryptoSuite::aes_cm_128_hmac_sha1_80,
                                    hex("E1F97A0D3E018BE0D64FA32C06DE4139 0EC675AD498AFEEBB6960B3AABE6"));
  struct Row {
    KdfLabel label;
    const char* expected;
  };
  const Row rows[] = {
      {KdfLabel::rtp_encryption, "C61E7A93744F39EE10734AFE3FF7A087"},
      {KdfLabel::rtp_salt, "30CBBC08863D8C85D49DB34A9AE1"},
      // The RFC prints 94 bytes of the authentication PRF; SRTP uses the first 20.
      {KdfLabel::rtp_auth, "CEBE321F6FF7716B6FD4AB49AF256A156D38BAA48F0A0ACF3C34E2359E6CDBCE"
                           "E049646C43D9327AD175578EF72270986371C10C9A369AC2F94A8C5FBCDDDC25"
                           "6D6E919A48B610EF17C2041E474035766B68642C59BBFC2F34DB60DBDFB2"},
  };
  for (const Row& row : rows) {
    const Bytes expected = hex(row.expected);
    Bytes out(expected.size());
    ASSERT_TRUE(derive(master, row.label, out));
    EXPECT_EQ(out, expected) << static_cast<int>(row.label);
  }
  const auto keys = derive_keys(master);
  ASSERT_TRUE(keys);
  EXPECT_EQ(Bytes(keys->rtp.auth.begin(), keys->rtp.auth.end()), hex("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4"));
}

// RFC 7714 gives session keys, not master keys: these drive PacketCrypto directly.
PacketCrypto gcm_crypto(CryptoSuite suite, std::string_view key) {
  SessionKeys keys;
  const Bytes k = hex(key), salt = hex("517569642070726f2071756f");
  std::copy(k.begin(), k.end(), keys.encryption.begin());
  std::copy(salt.begin(), salt.end(), keys.salt.begin());
  PacketCrypto crypto;
  EXPECT_TRUE(crypto.init(info(suite), keys));
  return crypto;
}

TEST(Rfc7714, Section16_1_1_Aes128GcmRtp) {
  const PacketCrypto crypto = gcm_crypto(CryptoSuite::aead_aes_128_gcm, "000102030405060708090a0b0c0d0e0f");
  Bytes packet = hex("8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973 20646976 69736120 696e2070"
                     "61727465 73207472 6573");
  const Bytes plain = packet;
  packet.resize(packet.size() + kGcmTagLen);
  const std::span<uint8_t> payload(packet.data() + 12, plain.size() - 12);
  ASSERT_TRUE(crypto.seal(0x5501a0b2, 0xf17b, {packet.data(), 12}, {}, payload, packet.data() + plain.size()));
  EXPECT_EQ(packet, hex("8040f17b 8041f8d3 5501a0b2 f24de3a3 fb34de6c acba861c 9d7e4bca be633bd5 0d294e6f 42a5f47a"
                        "51c7d19b 36de3adf 8833 899d7f27 beb16a91 52cf765e e4390cce"));
  ASSERT_TRUE(crypto.open(0x5501a0b2, 0xf17b, {packet.data(), 12}, {}, payload, packet.data() + plain.size()));
  EXPECT_EQ(Bytes(packet.begin(), packet.begin() + static_cast<long>(plain.size())), plain);
}

TEST(Rfc7714, Section17_2_Aes256GcmSrtcp) {
  const PacketCrypto crypto =
      gcm_crypto(CryptoSuite::aead_aes_256_gcm, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  const Bytes plain = hex("81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930 4c756e61"
                          "deadbeef deadbeef deadbeef deadbeef deadbeef");
  Bytes packet = plain;
  packet.resize(plain.size() + kGcmTagLen);
  packet.insert(packet.end(), {0x80, 0x00, 0x05, 0xd4});  // E flag, SRTCP index 0x5d4
  const std::span<uint8_t> body(packet.data() + 8, plain.size() - 8);
  const std::span<const uint8_t> trailer(packet.data() + packet.size() - 4, 4);
  ASSERT_TRUE(crypto.seal(0x4d617273, 0x5d4, {packet.data(), 8}, trailer, body, packet.data() + plain.size()));
  EXPECT_EQ(packet, hex("81c8000d4d617273d50ae4d1f5ce5d304ba297e47d470c282c3ece5dbffe0a50a2eaa5c1110555be"
                        "8415f658c61de0476f1b6fad1d1eb30c4446839f57ff6f6cb26ac3be800005d4"));
  ASSERT_TRUE(crypto.open(0x4d617273, 0x5d4, {packet.data(), 8}, trailer, body, packet.data() + plain.size()));
  EXPECT_EQ(Bytes(packet.begin(), packet.begin() + static_cast<long>(plain.size())), plain);
}

struct Vector {
  const char* name;
  CryptoSuite suite;
  Bytes key_and_salt;
  Bytes rtp_plain, srtp;
  Bytes rtcp_plain, srtcp;
};

const Bytes kRtpPlain{0x80, 0x0f, 0x12, 0x34, 0xde, 0xca, 0xfb, 0xad, 0xca, 0xfe,
                      0xba, 0xbe, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab,
                      0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab};
const Bytes kRtcpPlain{0x81, 0xc8, 0x00, 0x0b, 0xca, 0xfe, 0xba, 0xbe, 0xab, 0xab, 0xab, 0xab,
                       0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab};

const Vector kVectors[] = {
    {"aes_cm_128_hmac_sha1_80", CryptoSuite::aes_cm_128_hmac_sha1_80,
     {0xe1, 0xf9, 0x7a, 0x0d, 0x3e, 0x01, 0x8b, 0xe0, 0xd6, 0x4f, 0xa3, 0x2c, 0x06, 0xde, 0x41,
      0x39, 0x0e, 0xc6, 0x75, 0xad, 0x49, 0x8a, 0xfe, 0xeb, 0xb6, 0x96, 0x0b, 0x3a, 0xab, 0xe6},
     kRtpPlain,
     {0x80, 0x0f, 0x12, 0x34, 0xde, 0xca, 0xfb, 0xad, 0xca, 0xfe, 0xba, 0xbe, 0x4e,
      0x55, 0xdc, 0x4c, 0xe7, 0x99, 0x78, 0xd8, 0x8c, 0xa4, 0xd2, 0x15, 0x94, 0x9d,
      0x24, 0x02, 0xb7, 0x8d, 0x6a, 0xcc, 0x99, 0xea, 0x17, 0x9b, 0x8d, 0xbb},
     kRtcpPlain,
     {0x81, 0xc8, 0x00, 0x0b, 0xca, 0xfe, 0xba, 0xbe, 0x71, 0x28, 0x03, 0x5b, 0xe4,
      0x87, 0xb9, 0xbd, 0xbe, 0xf8, 0x90, 0x41, 0xf9, 0x77, 0xa5, 0xa8, 0x80, 0x00,
      0x00, 0x01, 0x99, 0x3e, 0x08, 0xcd, 0x54, 0xd6, 0xc1, 0x23, 0x07, 0x98}},
    {"aead_aes_128_gcm", CryptoSuite::aead_aes_128_gcm,
     {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d,
      0x0e, 0x0f, 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab},
     kRtpPlain,
     {0x80, 0x0f, 0x12, 0x34, 0xde, 0xca, 0xfb, 0xad, 0xca, 0xfe, 0xba, 0xbe, 0xc5, 0x00, 0x2e,
      0xde, 0x04, 0xcf, 0xdd, 0x2e, 0xb9, 0x11, 0x59, 0xe0, 0x88, 0x0a, 0xa0, 0x6e, 0xd2, 0x97,
      0x68, 0x26, 0xf7, 0x96, 0xb2, 0x01, 0xdf, 0x31, 0x31, 0xa1, 0x27, 0xe8, 0xa3, 0x92},
     kRtcpPlain,
     {0x81, 0xc8, 0x00, 0x0b, 0xca, 0xfe, 0xba, 0xbe, 0xc9, 0x8b, 0x8b, 0x5d, 0xf0, 0x39, 0x2a,
      0x55, 0x85, 0x2b, 0x6c, 0x21, 0xac, 0x8e, 0x70, 0x25, 0xc5, 0x2c, 0x6f, 0xbe, 0xa2, 0xb3,
      0xb4, 0x46, 0xea, 0x31, 0x12, 0x3b, 0xa8, 0x8c, 0xe6, 0x1e, 0x80, 0x00, 0x00, 0x01}},
};

class KnownVector : public testing::TestWithParam<Vector> {};

TEST_P(KnownVector, ProtectMatchesReferenceAndUnprotectRestores) {
  const Vector& v = GetParam();
  const KeyMaterial key = key_of(v.suite, v.key_and_salt);
  SrtpSession out = session(key, Direction::outbound);
  SrtpSession in = session(key, Direction::inbound);

  // Buffers sized exactly: ASan catches any write past the declared trailer.
  Bytes rtp = v.rtp_plain;
  rtp.resize(v.srtp.size());
  const SrtpResult p = out.protect(rtp.data(), v.rtp_plain.size(), rtp.size());
  ASSERT_TRUE(p.ok()) << to_string(p.error);
  EXPECT_EQ(rtp, v.srtp);
  const SrtpResult u = in.unprotect(rtp.data(), rtp.size());
  ASSERT_TRUE(u.ok()) << to_string(u.error);
  EXPECT_EQ(Bytes(rtp.begin(), rtp.begin() + static_cast<long>(u.len)), v.rtp_plain);

  Bytes rtcp = v.rtcp_plain;
  rtcp.resize(v.srtcp.size());
  const SrtpResult pc = out.protect_rtcp(rtcp.data(), v.rtcp_plain.size(), rtcp.size());
  ASSERT_TRUE(pc.ok()) << to_string(pc.error);
  EXPECT_EQ(rtcp, v.srtcp);
  const SrtpResult uc = in.unprotect_rtcp(rtcp.data(), rtcp.size());
  ASSERT_TRUE(uc.ok()) << to_string(uc.error);
  EXPECT_EQ(Bytes(rtcp.begin(), rtcp.begin() + static_cast<long>(uc.len)), v.rtcp_plain);
}

INSTANTIATE_TEST_SUITE_P(Libsrtp, KnownVector, testing::ValuesIn(kVectors),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

}  // namespace
}  // namespace rr::srtp
