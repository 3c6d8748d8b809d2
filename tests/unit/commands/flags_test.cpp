// The option table through its three spellings: "flags" entries, dictionary keys, rtpp-flags.
#include "control/commands/flags.hpp"

#include <gtest/gtest.h>

#include "control/bencode/decode.hpp"
#include "control/commands/parse.hpp"

namespace rr::commands {
namespace {

struct RtppCase {
  const char* name;
  const char* text;
  void (*check)(const ParsedRequest&);
};

TEST(RtppFlags, ParseIntoTheTypedRequest) {
  const RtppCase cases[] = {
      {"kamailio's example",
       "trust-address replace-origin ICE=remove rtcp-mux-demux direction=pub direction=priv",
       [](const ParsedRequest& r) {
         EXPECT_TRUE(r.flags.trust_address);
         EXPECT_TRUE(r.flags.replace_origin);
         EXPECT_EQ(r.ice, session::IceMode::remove);
         EXPECT_EQ(r.rtcp_mux, session::RtcpMuxMode::demux);
         EXPECT_EQ(r.direction, (std::vector<std::string>{"pub", "priv"}));
         EXPECT_TRUE(r.warnings.empty());
       }},
      {"case, underscores and spacing", "  Port_Latching\tSTRICT-source  ",
       [](const ParsedRequest& r) {
         EXPECT_TRUE(r.flags.port_latching);
         EXPECT_TRUE(r.flags.strict_source);
       }},
      {"keys with values",
       "call-id=abc from-tag=ft to-tag=tt address-family=IP6 transport-protocol=RTP/AVP TOS=184 "
       "media-address=192.0.2.9 delete-delay=0",
       [](const ParsedRequest& r) {
         EXPECT_EQ(r.call_id, "abc");
         EXPECT_EQ(r.from_tag, "ft");
         EXPECT_EQ(r.to_tag, "tt");
         EXPECT_EQ(r.address_family, Family::v6);
         EXPECT_EQ(r.transport_protocol, "RTP/AVP");
         EXPECT_EQ(r.tos, 184);
         EXPECT_EQ(r.media_address, IpAddress::parse("192.0.2.9"));
         EXPECT_EQ(r.delete_delay, 0);
       }},
      {"unknown flag warns in rtpengine's words", "trust-address frobnicate",
       [](const ParsedRequest& r) {
         EXPECT_TRUE(r.flags.trust_address);
         ASSERT_EQ(r.warnings.size(), 1u);
         EXPECT_EQ(r.warnings[0], "Unknown flag encountered: 'frobnicate'");
       }},
      {"bad values warn", "ICE=sideways TOS=999 address-family=IP5",
       [](const ParsedRequest& r) { EXPECT_EQ(r.warnings.size(), 3u); }},
      {"ICE=force is answered with a warning, ICE removed", "ICE=force",
       [](const ParsedRequest& r) {
         EXPECT_EQ(r.ice, session::IceMode::force);
         EXPECT_EQ(r.warnings, std::vector<std::string>{"ICE=force is not supported: ICE removed"});
       }},
      {"replace-sdp-version as a flag and as replace=", "replace-sdp-version",
       [](const ParsedRequest& r) {
         EXPECT_TRUE(r.flags.replace_sdp_version);
         EXPECT_FALSE(r.flags.replace_origin);
         EXPECT_TRUE(r.warnings.empty());
       }},
      {"replace=sdp-version, via-branch and delete-delay",
       "replace=sdp-version via-branch=z9hG4bK.1 delete-delay=30",
       [](const ParsedRequest& r) {
         EXPECT_TRUE(r.flags.replace_sdp_version);
         EXPECT_EQ(r.via_branch, "z9hG4bK.1");
         EXPECT_EQ(r.delete_delay, 30);
         EXPECT_TRUE(r.warnings.empty());
       }},
      {"record-call is accepted with a warning", "record-call=yes",
       [](const ParsedRequest& r) {
         EXPECT_TRUE(r.flags.record_call);
         EXPECT_EQ(r.warnings.size(), 1u);
       }},
      {"SDES flags, suite names in any case",
       "SDES-off SDES-no-AEAD_AES_256_GCM SDES-only-aes-cm-128-hmac-sha1-80 "
       "SDES-unencrypted_srtp SDES-unencrypted_srtcp SDES-unauthenticated_srtp",
       [](const ParsedRequest& r) {
         using srtp::CryptoSuite;
         EXPECT_TRUE(r.sdes.off);
         EXPECT_EQ(r.sdes.no, std::vector{CryptoSuite::aead_aes_256_gcm});
         EXPECT_EQ(r.sdes.only, std::vector{CryptoSuite::aes_cm_128_hmac_sha1_80});
         EXPECT_TRUE(r.sdes.unencrypted_srtp && r.sdes.unencrypted_srtcp);
         EXPECT_TRUE(r.sdes.unauthenticated_srtp);
         EXPECT_TRUE(r.warnings.empty());
       }},
      {"SDES with an unknown suite or word warns", "SDES-no-F8_128_HMAC_SHA1_80 SDES-sideways",
       [](const ParsedRequest& r) {
         EXPECT_TRUE(r.sdes.no.empty());
         EXPECT_EQ(r.warnings.size(), 2u);
       }},
      {"empty", "", [](const ParsedRequest& r) { EXPECT_TRUE(r.warnings.empty()); }},
  };
  for (const RtppCase& c : cases) {
    SCOPED_TRACE(c.name);
    ParsedRequest r;
    apply_rtpp_flags(r, c.text);
    c.check(r);
  }
}

TEST(ParseRequest, DictionaryKeysFromKamailio) {
  const auto decoded = bencode::decode(
      "d7:command5:offer7:call-id3:c1a8:from-tag2:ft3:sdp3:v=0"
      "5:flagsl13:trust-address13:port-latching5:boguse"
      "7:replacel6:origin18:session-connectione3:ICE6:remove8:rtcp-muxl5:demuxe"
      "9:directionl3:pub4:prive13:received-froml3:IP49:192.0.2.5e"
      "8:supportsl10:load limite5:label6:caller13:media address11:203.0.113.9"
      "14:address family3:IP63:TOSi184ee");
  ASSERT_TRUE(decoded.ok()) << decoded.error;
  const ParsedRequest r = parse_request(decoded.value);
  EXPECT_EQ(r.call_id, "c1a");
  EXPECT_EQ(r.from_tag, "ft");
  EXPECT_EQ(r.sdp, "v=0");
  EXPECT_TRUE(r.flags.trust_address && r.flags.port_latching);
  EXPECT_TRUE(r.flags.replace_origin && r.flags.replace_session_connection);
  EXPECT_EQ(r.rtcp_mux, session::RtcpMuxMode::demux);
  EXPECT_EQ(r.direction, (std::vector<std::string>{"pub", "priv"}));
  EXPECT_EQ(r.received_from, IpAddress::parse("192.0.2.5"));
  EXPECT_TRUE(r.supports_load_limit);
  EXPECT_EQ(r.label, "caller");
  EXPECT_EQ(r.media_address, IpAddress::parse("203.0.113.9"));
  EXPECT_EQ(r.address_family, Family::v6);
  EXPECT_EQ(r.tos, 184);
  EXPECT_EQ(r.warnings, (std::vector<std::string>{"Unknown flag encountered: 'bogus'"}));
}

TEST(ParseRequest, SdesListAndOlderStringForm) {
  const auto list = bencode::decode("d4:SDESl3:off26:no-AES_CM_128_HMAC_SHA1_32ee");
  ASSERT_TRUE(list.ok()) << list.error;
  const ParsedRequest r = parse_request(list.value);
  EXPECT_TRUE(r.sdes.off);
  EXPECT_EQ(r.sdes.no, std::vector{srtp::CryptoSuite::aes_cm_128_hmac_sha1_32});
  EXPECT_TRUE(r.warnings.empty());

  const auto text = bencode::decode("d4:SDES3:offe");
  ASSERT_TRUE(text.ok()) << text.error;
  EXPECT_TRUE(parse_request(text.value).sdes.off);
}

TEST(ParseRequest, WrongTypesBecomeWarningsNotCrashes) {
  const auto decoded =
      bencode::decode("d7:call-idi5e5:flags3:abc8:rtcp-muxli1ee13:received-from2:xx3:sdpi1ee");
  ASSERT_TRUE(decoded.ok()) << decoded.error;
  const ParsedRequest r = parse_request(decoded.value);
  EXPECT_EQ(r.call_id, "5") << "rtpengine clients sometimes send numbers";
  EXPECT_TRUE(r.sdp.empty());
  EXPECT_EQ(r.warnings.size(), 3u);
}

}  // namespace
}  // namespace rr::commands
