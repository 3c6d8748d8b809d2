// rtpgen's SRTP leg against an independent implementation: what its Sender protects, libsrtp2
// with the same per-stream keys accepts and restores to the probe; what libsrtp2 protects,
// its Sink unprotects and counts; forged, unknown-SSRC and short datagrams are counted drops.
// Also the SDES pieces: the SAVP SDP it sends and the a=crypto it takes from the relay.
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "relay/srtp/keygen.hpp"
#include "tests/unit/srtp/libsrtp_oracle.hpp"
#include "tools/ngclient/calls.hpp"
#include "tools/rtpgen/sender.hpp"
#include "tools/rtpgen/sink.hpp"
#include "tools/rtpgen/srtp_sdp.hpp"
#include "tools/rtpgen/srtp_streams.hpp"

namespace rr::rtpgen {
namespace {

using srtp::oracle::LibsrtpSession;

// Keeps every packet handed to it, with its stream.
class Capture final : public Transmitter {
 public:
  size_t transmit(std::span<const WirePacket> packets, std::span<const uint32_t> streams) override {
    for (size_t i = 0; i < packets.size(); ++i) sent.push_back({packets[i], streams[i]});
    return packets.size();
  }
  std::vector<std::pair<WirePacket, uint32_t>> sent;
};

std::vector<srtp::KeyMaterial> keys_for(srtp::CryptoSuite suite, uint32_t streams) {
  std::vector<srtp::KeyMaterial> keys;
  for (uint32_t s = 0; s < streams; ++s) keys.push_back(*srtp::generate_key(suite));
  return keys;
}

std::vector<srtp::CryptoSuite> suites() {
  std::vector<srtp::CryptoSuite> out;
  for (const srtp::SuiteInfo& s : srtp::kSuites) {
    if (srtp::suite_available(s.suite)) out.push_back(s.suite);
  }
  return out;
}

constexpr uint32_t kStreams = 3;
constexpr uint64_t kPackets = 30;  // ten per stream

TEST(RtpgenSrtp, LibsrtpAcceptsWhatTheSenderProtects) {
  for (srtp::CryptoSuite suite : suites()) {
    SCOPED_TRACE(std::string(srtp::info(suite).sdes_name));
    const std::vector<srtp::KeyMaterial> keys = keys_for(suite, kStreams);
    std::string error;
    std::optional<SrtpSender> protector = SrtpSender::create(keys, error);
    ASSERT_TRUE(protector) << error;
    Capture capture;
    Sender sender(capture, kStreams, 0, Pacer(0, 1000, kPackets), &*protector);
    sender.pump(1'000'000'000'000);  // 1000 s after the start: all due
    ASSERT_EQ(capture.sent.size(), kPackets);
    std::vector<std::unique_ptr<LibsrtpSession>> oracle;
    for (const srtp::KeyMaterial& key : keys) {
      oracle.push_back(LibsrtpSession::create({.key = key, .direction = srtp::Direction::inbound}));
      ASSERT_TRUE(oracle.back());
    }
    for (auto& [wire, stream] : capture.sent) {
      ASSERT_EQ(wire.size, kPacketSize + srtp::info(suite).rtp_tag_len);
      WirePacket copy = wire;
      srtp::SrtpResult plain = oracle[stream]->unprotect(copy.bytes.data(), copy.size);
      ASSERT_TRUE(plain.ok()) << "stream " << stream;
      ProbePacket probe;
      ASSERT_EQ(read_packet({copy.bytes.data(), plain.len}, probe), ParseError::none);
      EXPECT_EQ(probe.stream, stream);
      EXPECT_EQ(probe.ssrc, stream_identity(stream, 0).ssrc);
    }
  }
}

// Five probes per stream from packet `from` on, as the far side (direction 1) sends them,
// protected by libsrtp2.
std::vector<std::vector<uint8_t>> far_side_packets(const std::vector<srtp::KeyMaterial>& keys, uint16_t from = 0) {
  std::vector<std::vector<uint8_t>> out;
  for (uint32_t stream = 0; stream < keys.size(); ++stream) {
    auto oracle = LibsrtpSession::create({.key = keys[stream], .direction = srtp::Direction::outbound});
    for (uint16_t i = from; i < from + 5; ++i) {
      std::vector<uint8_t> p(kPacketSize + 32);
      const StreamIdentity id = stream_identity(stream, 1);
      write_packet({static_cast<uint16_t>(id.first_sequence + i), id.first_timestamp + 160u * i, id.ssrc, i == 0,
                    stream, 1000},
                   std::span(p).first<kPacketSize>());
      p.resize(oracle->protect(p.data(), kPacketSize, p.size()).len);
      out.push_back(std::move(p));
    }
  }
  return out;
}

TEST(RtpgenSrtp, SinkUnprotectsWhatLibsrtpProtectsAndCountsTheRest) {
  for (srtp::CryptoSuite suite : suites()) {
    SCOPED_TRACE(std::string(srtp::info(suite).sdes_name));
    const std::vector<srtp::KeyMaterial> keys = keys_for(suite, kStreams);
    std::vector<uint32_t> ssrcs;
    for (uint32_t s = 0; s < kStreams; ++s) ssrcs.push_back(stream_identity(s, 1).ssrc);
    std::string error;
    std::optional<SrtpReceiver> receiver = SrtpReceiver::create(keys, ssrcs, error);
    ASSERT_TRUE(receiver) << error;
    Sink sink(kStreams, kStreams, &*receiver);
    std::vector<std::vector<uint8_t>> packets = far_side_packets(keys);
    for (std::vector<uint8_t>& p : packets) sink.on_wire(p, 2000);
    for (uint32_t s = 0; s < kStreams; ++s) EXPECT_EQ(sink.stats(s).received(), 5u) << "stream " << s;
    EXPECT_EQ(receiver->failed(), 0u);

    std::vector<uint8_t> forged = far_side_packets(keys, 5).back();  // stream 2's 10th, altered
    forged[20] ^= 1;
    std::vector<uint8_t> stranger = forged;
    stranger[8] ^= 0xFF;  // an SSRC nobody sends
    std::vector<uint8_t> runt(8, 0x80);
    for (std::vector<uint8_t>* p : {&forged, &stranger, &runt}) sink.on_wire(*p, 2000);
    EXPECT_EQ(receiver->auth_failed(), 1u);
    EXPECT_EQ(receiver->unknown_ssrc(), 1u);
    EXPECT_EQ(receiver->failed(), 3u);
    EXPECT_EQ(sink.ignored(), 3u);
    EXPECT_EQ(sink.stats(2).received(), 5u);
  }
}

TEST(RtpgenSrtp, SdpOffersSavpWithOurKeyAndReadsTheRelays) {
  const srtp::KeyMaterial key = *srtp::generate_key(srtp::CryptoSuite::aes_cm_128_hmac_sha1_32);
  sdes::CryptoAttribute ours{.tag = 7, .suite = key.suite};
  ours.keys.emplace_back().key = key;
  const std::string sdp = savp_sdp(ngclient::g711_sdp({IpAddress::v4(10, 0, 0, 1), 4000}, 1), ours);
  EXPECT_NE(sdp.find("m=audio 4000 RTP/SAVP 0 8 101\r\n"), std::string::npos) << sdp;
  EXPECT_EQ(sdp.find("RTP/AVP"), std::string::npos);
  std::string error;
  // The relay's reply may offer several suites: the one asked for is taken, with its tag.
  const std::string reply = "v=0\r\nm=audio 1 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" +
                            std::string(40, 'A') + "\r\n" + sdp.substr(sdp.find("a=crypto:"));
  std::optional<sdes::CryptoAttribute> found = find_crypto(reply, key.suite, error);
  ASSERT_TRUE(found) << error;
  EXPECT_EQ(found->tag, 7u);
  EXPECT_EQ(found->keys.front().key, key);

  const struct {
    const char* sdp;
    const char* error;
  } bad[] = {
      {"v=0\r\nm=audio 1 RTP/SAVP 0\r\n", "no a=crypto line with AES_CM_128_HMAC_SHA1_32"},
      {"a=crypto:1 AES_CM_128_HMAC_SHA1_32 inline:!!!!\r\n", "(crypto:"},
      {"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:AAAA", "no a=crypto line"},
      {"a=crypto:", "no a=crypto line"},
  };
  for (const auto& row : bad) {
    std::string why;
    EXPECT_FALSE(find_crypto(row.sdp, key.suite, why)) << row.sdp;
    EXPECT_NE(why.find(row.error), std::string::npos) << row.sdp << " -> " << why;
  }
}

}  // namespace
}  // namespace rr::rtpgen
