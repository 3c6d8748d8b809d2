// SDES-SRTP through Sessions: transport-protocol conversions in both directions, suite
// negotiation and rtpengine's SDES flags, the keys handed to the data plane, and every bad
// a=crypto line refused with nothing left behind. Keys in golden SDP are {KEY}.
#include <gtest/gtest.h>

#include <regex>

#include "tests/unit/session/fixture.hpp"

namespace rr::session::testing {
namespace {

using srtp::CryptoSuite;

std::string srtp_sdp(const std::string& ip, uint16_t port, const std::string& crypto,
                     const std::string& proto = "RTP/SAVP") {
  return "v=0\r\no=- 1 1 IN IP4 " + ip + "\r\ns=-\r\nc=IN IP4 " + ip + "\r\nt=0 0\r\nm=audio " +
         std::to_string(port) + " " + proto + " 0\r\na=rtpmap:0 PCMU/8000\r\n" + crypto;
}

// Golden form: relay ports and keys replaced by placeholders.
std::string masked(const std::string& sdp) {
  static const std::regex key("inline:[A-Za-z0-9+/=]+"), port("m=audio [0-9]+"),
      rtcp("a=rtcp:[0-9]+");
  std::string out = std::regex_replace(sdp, key, "inline:{KEY}");
  out = std::regex_replace(out, port, "m=audio {PORT}");
  return std::regex_replace(out, rtcp, "a=rtcp:{RTCP}");
}

std::vector<sdes::CryptoAttribute> crypto_of(const std::string& sdp) {
  std::vector<sdes::CryptoAttribute> out;
  static const std::regex line("a=crypto:([^\r]*)\r\n");
  for (std::sregex_iterator it(sdp.begin(), sdp.end(), line), end; it != end; ++it) {
    sdes::CryptoParse parsed = sdes::parse_crypto((*it)[1].str());
    EXPECT_TRUE(parsed.ok()) << parsed.error;
    if (parsed.ok()) out.push_back(*parsed.attribute);
  }
  return out;
}

class Sdes : public ::testing::Test {
 protected:
  Outcome<SdpResult> offer(const std::string& sdp, const std::string& proto = "",
                           SdesOptions sdes = {}) {
    OfferRequest r = offer_request("c1", "A", sdp);
    r.transport_protocol = proto;
    r.sdes = sdes;
    return sessions.offer(r);
  }
  Outcome<SdpResult> answer(const std::string& sdp) {
    return sessions.answer(answer_request("c1", "A", "B", sdp));
  }

  FakeClock clock;
  RecordingForwarding forwarding;
  Sessions sessions{test_config(clock), forwarding};
};

TEST_F(Sdes, PlainOfferBecomesSrtpTowardTheReceiverAndBackInTheAnswer) {
  const auto offered = offer(audio_sdp("192.0.2.10", 4000), "RTP/SAVP");
  ASSERT_TRUE(offered.ok()) << offered.error().reason;
  EXPECT_EQ(masked(offered.value().sdp),
            "v=0\r\no=- 1545997027 1 IN IP4 192.0.2.10\r\ns=tester\r\n"
            "c=IN IP4 203.0.113.1\r\nt=0 0\r\nm=audio {PORT} RTP/SAVP 0 8\r\n"
            "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
            "a=crypto:1 AEAD_AES_256_GCM inline:{KEY}\r\n"
            "a=crypto:2 AEAD_AES_128_GCM inline:{KEY}\r\n"
            "a=crypto:3 AES_256_CM_HMAC_SHA1_80 inline:{KEY}\r\n"
            "a=crypto:4 AES_256_CM_HMAC_SHA1_32 inline:{KEY}\r\n"
            "a=crypto:5 AES_CM_128_HMAC_SHA1_80 inline:{KEY}\r\n"
            "a=crypto:6 AES_CM_128_HMAC_SHA1_32 inline:{KEY}\r\na=rtcp:{RTCP}\r\n");
  const std::vector<sdes::CryptoAttribute> ours = crypto_of(offered.value().sdp);
  ASSERT_EQ(ours.size(), 6u);
  EXPECT_NE(ours[2].keys[0].key, ours[3].keys[0].key) << "one fresh key per suite";

  const auto answered = answer(
      srtp_sdp("198.51.100.20", 5000, crypto_line(5, CryptoSuite::aes_cm_128_hmac_sha1_80, 0xb5)));
  ASSERT_TRUE(answered.ok()) << answered.error().reason;
  EXPECT_EQ(masked(answered.value().sdp),
            "v=0\r\no=- 1 1 IN IP4 198.51.100.20\r\ns=-\r\nc=IN IP4 203.0.113.1\r\nt=0 0\r\n"
            "m=audio {PORT} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=rtcp:{RTCP}\r\n");

  ASSERT_EQ(forwarding.published.size(), 1u);
  const MediaPath& path = forwarding.published[0];
  EXPECT_FALSE(path.a.srtp) << "the offerer's leg stays plain";
  ASSERT_TRUE(path.b.srtp);
  EXPECT_EQ(path.b.srtp->inbound.key,
            peer_crypto(5, CryptoSuite::aes_cm_128_hmac_sha1_80, 0xb5).keys[0].key);
  EXPECT_EQ(path.b.srtp->outbound.key, ours[4].keys[0].key);
}

TEST_F(Sdes, SrtpOfferBecomesPlainTowardTheReceiverAndTheAnswerKeepsItSrtp) {
  const std::string lines = crypto_line(7, CryptoSuite::aes_cm_128_hmac_sha1_32, 0xa1) +
                            crypto_line(8, CryptoSuite::aes_cm_128_hmac_sha1_80, 0xa2);
  const auto offered = offer(srtp_sdp("192.0.2.10", 4000, lines), "RTP/AVP");
  ASSERT_TRUE(offered.ok()) << offered.error().reason;
  EXPECT_EQ(masked(offered.value().sdp),
            "v=0\r\no=- 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 203.0.113.1\r\nt=0 0\r\n"
            "m=audio {PORT} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=rtcp:{RTCP}\r\n");

  // The implicit rule: the answerer's plain RTP/AVP goes back to the offerer as RTP/SAVP.
  const auto answered = answer(audio_sdp("198.51.100.20", 5000));
  ASSERT_TRUE(answered.ok()) << answered.error().reason;
  EXPECT_EQ(masked(answered.value().sdp),
            "v=0\r\no=- 1545997027 1 IN IP4 198.51.100.20\r\ns=tester\r\n"
            "c=IN IP4 203.0.113.1\r\nt=0 0\r\nm=audio {PORT} RTP/SAVP 0 8\r\n"
            "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
            "a=crypto:7 AES_CM_128_HMAC_SHA1_32 inline:{KEY}\r\na=rtcp:{RTCP}\r\n");
  const std::vector<sdes::CryptoAttribute> ours = crypto_of(answered.value().sdp);
  ASSERT_EQ(ours.size(), 1u);

  ASSERT_EQ(forwarding.published.size(), 1u);
  const MediaPath& path = forwarding.published[0];
  ASSERT_TRUE(path.a.srtp);
  EXPECT_EQ(path.a.srtp->inbound.key,
            peer_crypto(7, CryptoSuite::aes_cm_128_hmac_sha1_32, 0xa1).keys[0].key);
  EXPECT_EQ(path.a.srtp->outbound.key, ours[0].keys[0].key);
  EXPECT_NE(path.a.srtp->outbound.key, path.a.srtp->inbound.key);
  EXPECT_FALSE(path.b.srtp);
}

// RFC 4568 6.1 MKI and KDR=0 (derive once) are accepted; our answer carries an MKI of the
// peer's length, and the data plane gets both.
TEST_F(Sdes, AnOfferWithAnMkiIsAnsweredWithAnMkiOfTheSameLength) {
  sdes::CryptoAttribute theirs = peer_crypto(3, CryptoSuite::aes_cm_128_hmac_sha1_80, 0xb1);
  theirs.keys[0].key.mki = *srtp::Mki::from_value(42, 4);
  theirs.kdr = 0;
  const auto offered =
      offer(srtp_sdp("192.0.2.10", 4000, "a=crypto:" + sdes::format_crypto(theirs) + "\r\n"), "RTP/AVP");
  ASSERT_TRUE(offered.ok()) << offered.error().reason;
  const auto answered = answer(audio_sdp("198.51.100.20", 5000));
  ASSERT_TRUE(answered.ok()) << answered.error().reason;
  EXPECT_NE(masked(answered.value().sdp).find("a=crypto:3 AES_CM_128_HMAC_SHA1_80 inline:{KEY}|1:4\r\n"),
            std::string::npos)
      << answered.value().sdp;
  ASSERT_EQ(forwarding.published.size(), 1u);
  const MediaPath& path = forwarding.published[0];
  ASSERT_TRUE(path.a.srtp);
  EXPECT_EQ(path.a.srtp->inbound.key.mki, *srtp::Mki::from_value(42, 4));
  EXPECT_EQ(path.a.srtp->outbound.key.mki, *srtp::Mki::from_value(1, 4));
}

TEST_F(Sdes, SrtpToSrtpUsesDifferentKeysOnEachSideAndReOffersKeepThem) {
  const std::string sdp = srtp_sdp(
      "192.0.2.10", 4000, crypto_line(1, CryptoSuite::aes_cm_128_hmac_sha1_80, 0x11), "RTP/SAVPF");
  const auto offered = offer(sdp);
  ASSERT_TRUE(offered.ok()) << offered.error().reason;
  EXPECT_NE(offered.value().sdp.find(" RTP/SAVPF 0\r\n"), std::string::npos);
  const std::vector<sdes::CryptoAttribute> ours = crypto_of(offered.value().sdp);
  ASSERT_EQ(ours.size(), 6u);
  const auto answered =
      answer(srtp_sdp("198.51.100.20", 5000,
                      crypto_line(5, CryptoSuite::aes_cm_128_hmac_sha1_80, 0x22), "RTP/SAVPF"));
  ASSERT_TRUE(answered.ok()) << answered.error().reason;
  const std::vector<sdes::CryptoAttribute> to_a = crypto_of(answered.value().sdp);
  ASSERT_EQ(to_a.size(), 1u);

  const MediaPath& path = forwarding.published.at(0);
  ASSERT_TRUE(path.a.srtp && path.b.srtp);
  EXPECT_EQ(path.a.srtp->outbound.key, to_a[0].keys[0].key);
  EXPECT_EQ(path.b.srtp->outbound.key, ours[4].keys[0].key);
  EXPECT_NE(path.a.srtp->outbound.key.key_and_salt()[0], 0x22);
  EXPECT_FALSE(std::ranges::equal(path.a.srtp->outbound.key.key_and_salt(),
                                  path.b.srtp->outbound.key.key_and_salt()));

  const auto again = offer(sdp);
  ASSERT_TRUE(again.ok()) << again.error().reason;
  EXPECT_EQ(crypto_of(again.value().sdp), ours) << "a re-offer repeats the relay's keys";
  EXPECT_EQ(forwarding.published.size(), 1u) << "nothing changed for the data plane";
}

struct FlagRow {
  const char* description;
  SdesOptions options;
  std::vector<std::string> suites;  // offered toward the receiver, in order
  const char* proto;
  bool unencrypted_srtp = false;
};

TEST_F(Sdes, FlagsShapeTheOfferTowardAnSrtpReceiver) {
  const std::vector<FlagRow> rows{
      {"only one suite",
       {.only = {CryptoSuite::aes_cm_128_hmac_sha1_80}},
       {"AES_CM_128_HMAC_SHA1_80"},
       "RTP/SAVP"},
      {"no GCM",
       {.no = {CryptoSuite::aead_aes_256_gcm, CryptoSuite::aead_aes_128_gcm}},
       {"AES_256_CM_HMAC_SHA1_80", "AES_256_CM_HMAC_SHA1_32", "AES_CM_128_HMAC_SHA1_80",
        "AES_CM_128_HMAC_SHA1_32"},
       "RTP/SAVP"},
      {"only and no together",
       {.only = {CryptoSuite::aes_cm_128_hmac_sha1_32, CryptoSuite::aes_cm_128_hmac_sha1_80},
        .no = {CryptoSuite::aes_cm_128_hmac_sha1_32}},
       {"AES_CM_128_HMAC_SHA1_80"},
       "RTP/SAVP"},
      {"SDES-off: plain toward the receiver", {.off = true}, {}, "RTP/AVP"},
      {"unencrypted SRTP",
       {.only = {CryptoSuite::aes_cm_128_hmac_sha1_80}, .unencrypted_srtp = true},
       {"AES_CM_128_HMAC_SHA1_80"},
       "RTP/SAVP",
       true},
  };
  for (const FlagRow& row : rows) {
    SCOPED_TRACE(row.description);
    const auto offered = offer(audio_sdp("192.0.2.10", 4000), "RTP/SAVP", row.options);
    ASSERT_TRUE(offered.ok()) << offered.error().reason;
    EXPECT_NE(offered.value().sdp.find(std::string(" ") + row.proto + " 0 8"), std::string::npos);
    std::vector<std::string> suites;
    for (const sdes::CryptoAttribute& a : crypto_of(offered.value().sdp)) {
      suites.emplace_back(srtp::info(a.suite).sdes_name);
      EXPECT_EQ(a.unencrypted_srtp, row.unencrypted_srtp);
      EXPECT_EQ(a.tag, suites.size());
    }
    EXPECT_EQ(suites, row.suites);
    ASSERT_TRUE(sessions.delete_call({{"c1", "A", "", "", {}}, false, std::nullopt}).ok());
  }
}

TEST_F(Sdes, TheOfferersFirstAllowedSuiteIsAnswered) {
  const std::string lines = crypto_line(1, CryptoSuite::aes_256_cm_hmac_sha1_80, 0x01) +
                            "a=crypto:2 F8_128_HMAC_SHA1_80 inline:AAAA\r\n" +
                            crypto_line(3, CryptoSuite::aes_cm_128_hmac_sha1_80, 0x03);
  const auto offered = offer(srtp_sdp("192.0.2.10", 4000, lines), "RTP/AVP",
                             {.no = {CryptoSuite::aes_256_cm_hmac_sha1_80}});
  ASSERT_TRUE(offered.ok()) << offered.error().reason;
  const auto answered = answer(audio_sdp("198.51.100.20", 5000));
  ASSERT_TRUE(answered.ok()) << answered.error().reason;
  const std::vector<sdes::CryptoAttribute> to_a = crypto_of(answered.value().sdp);
  ASSERT_EQ(to_a.size(), 1u);
  EXPECT_EQ(to_a[0].tag, 3u);
  EXPECT_EQ(to_a[0].suite, CryptoSuite::aes_cm_128_hmac_sha1_80);
}

struct BadRow {
  const char* description;
  std::string crypto;  // a= lines of an RTP/SAVP offer
  std::string reason;
};

TEST_F(Sdes, BadCryptoInAnOfferIsRefusedWithNothingLeftBehind) {
  const std::string key30(40, 'A');  // 30 bytes of zeros in base64
  const std::vector<BadRow> rows{
      {"bad base64", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:!!!!" + key30 + "\r\n",
       "crypto: bad base64 in key"},
      {"wrong key length", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:AAAAAAAA\r\n",
       "crypto: key length 6, suite wants 30"},
      {"unknown suite only", "a=crypto:1 FOO_128 inline:" + key30 + "\r\n",
       "crypto: unknown suite FOO_128"},
      {"bad lifetime", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + key30 + "|2^99\r\n",
       "crypto: bad lifetime '2^99'"},
      {"bad MKI", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + key30 + "|1:0\r\n",
       "crypto: bad MKI '1:0'"},
      {"MKI too long", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + key30 + "|1:129\r\n",
       "crypto: MKI length 129, at most 128"},
      {"several keys", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + key30 + "|1:4;inline:" + key30 + "|2:4\r\n",
       reason::kCryptoKeys},
      {"KDR not 0", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + key30 + " KDR=1\r\n",
       reason::kCryptoKdr},
      {"no crypto at all", "", reason::kNoCryptoSuite},
      {"bad line after a good one",
       crypto_line(1, CryptoSuite::aes_cm_128_hmac_sha1_80, 1) +
           "a=crypto:2 AES_CM_128_HMAC_SHA1_32\r\n",
       "crypto: expected '<tag> <suite> <key-params>'"},
  };
  for (const BadRow& row : rows) {
    SCOPED_TRACE(row.description);
    const auto offered = offer(srtp_sdp("192.0.2.10", 4000, row.crypto), "RTP/AVP");
    ASSERT_FALSE(offered.ok());
    EXPECT_EQ(offered.error().reason, row.reason);
    EXPECT_EQ(sessions.size(), 0u);
    EXPECT_EQ(sessions.statistics().ports_used, 0u);
    EXPECT_TRUE(forwarding.published.empty());
  }
}

TEST_F(Sdes, FlagsLeavingNoSuiteRefuseTheOffer) {
  const auto offered = offer(audio_sdp("192.0.2.10", 4000), "RTP/SAVP",
                             {.only = {CryptoSuite::aes_cm_128_hmac_sha1_80},
                              .no = {CryptoSuite::aes_cm_128_hmac_sha1_80}});
  ASSERT_FALSE(offered.ok());
  EXPECT_EQ(offered.error().reason, reason::kNoSuiteToOffer);
  EXPECT_EQ(sessions.size(), 0u);
  EXPECT_EQ(sessions.statistics().ports_used, 0u);
}

TEST_F(Sdes, BadCryptoInAnAnswerIsRefusedAndNothingIsRelayed) {
  const std::vector<BadRow> rows{
      {"tag we never offered", crypto_line(9, CryptoSuite::aes_cm_128_hmac_sha1_80, 1),
       reason::kCryptoNoMatch},
      {"suite differs from our line of that tag",
       crypto_line(5, CryptoSuite::aes_cm_128_hmac_sha1_32, 1), reason::kCryptoNoMatch},
      {"no crypto", "", reason::kCryptoNoMatch},
      {"bad base64", "a=crypto:5 AES_CM_128_HMAC_SHA1_80 inline:####\r\n",
       "crypto: bad base64 in key"},
  };
  ASSERT_TRUE(offer(audio_sdp("192.0.2.10", 4000), "RTP/SAVP").ok());
  for (const BadRow& row : rows) {
    SCOPED_TRACE(row.description);
    const auto answered = answer(srtp_sdp("198.51.100.20", 5000, row.crypto));
    ASSERT_FALSE(answered.ok());
    EXPECT_EQ(answered.error().reason, row.reason);
    EXPECT_TRUE(forwarding.published.empty());
    const Call* call = sessions.find("c1");
    ASSERT_NE(call, nullptr);
    EXPECT_EQ(call->legs.count("B"), 0u) << "a refused answer leaves no to-tag behind";
    EXPECT_FALSE(call->answered);
  }
  const auto good = answer(
      srtp_sdp("198.51.100.20", 5000, crypto_line(5, CryptoSuite::aes_cm_128_hmac_sha1_80, 1)));
  ASSERT_TRUE(good.ok()) << good.error().reason;
  EXPECT_EQ(forwarding.published.size(), 1u);
}

}  // namespace
}  // namespace rr::session::testing
