// Shared set-up for session tests: one or two interfaces, a fake clock, a recording data plane
// and SDP builders in the shape Kamailio forwards.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "control/sdes/crypto_attribute.hpp"
#include "control/session/sessions.hpp"
#include "tests/unit/session/fake_forwarding.hpp"

namespace rr::session::testing {

inline std::string audio_sdp(const std::string& ip, uint16_t port, const std::string& extra = "",
                             const std::string& family = "IP4") {
  return "v=0\r\no=- 1545997027 1 IN " + family + " " + ip + "\r\ns=tester\r\nc=IN " + family +
         " " + ip + "\r\nt=0 0\r\nm=audio " + std::to_string(port) +
         " RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n" + extra;
}

// Fixed, recognisable key material for a peer's line: every byte `fill`.
inline sdes::CryptoAttribute peer_crypto(uint32_t tag, srtp::CryptoSuite suite, uint8_t fill) {
  sdes::CryptoAttribute a;
  a.tag = tag;
  a.suite = suite;
  srtp::KeyMaterial key;
  key.suite = suite;
  for (uint8_t& byte : key.key_and_salt()) byte = fill;
  a.keys.push_back({key, std::nullopt});
  return a;
}

inline std::string crypto_line(uint32_t tag, srtp::CryptoSuite suite, uint8_t fill) {
  return "a=crypto:" + sdes::format_crypto(peer_crypto(tag, suite, fill)) + "\r\n";
}

struct FakeClock {
  std::chrono::steady_clock::time_point now{std::chrono::hours(1)};
  int64_t unix_now = 1700000000;
};

inline SessionsConfig test_config(FakeClock& clock, uint16_t port_min = 10000,
                                  uint16_t port_max = 10499) {
  SessionsConfig config;
  ports::RangeConfig range{port_min, port_max, std::chrono::seconds(0)};
  config.interfaces.push_back({"pub", {*IpAddress::parse("203.0.113.1")}, range});
  config.interfaces.push_back(
      {"priv", {*IpAddress::parse("10.0.0.1"), *IpAddress::parse("2001:db8::1")}, range});
  config.now = [&clock] { return clock.now; };
  config.unix_now = [&clock] { return clock.unix_now; };
  return config;
}

inline OfferRequest offer_request(const std::string& call_id, const std::string& from_tag,
                                  const std::string& sdp) {
  OfferRequest r;
  r.call_id = call_id, r.from_tag = from_tag, r.sdp = sdp;
  return r;
}

inline AnswerRequest answer_request(const std::string& call_id, const std::string& from_tag,
                                    const std::string& to_tag, const std::string& sdp) {
  AnswerRequest r;
  r.call_id = call_id, r.from_tag = from_tag, r.to_tag = to_tag, r.sdp = sdp;
  return r;
}

// The port written in the first m= line of `sdp` (0 when absent).
inline uint16_t media_port(const std::string& sdp, size_t nth = 0) {
  size_t pos = 0;
  for (size_t i = 0; i <= nth; ++i) {
    pos = sdp.find("m=", pos);
    if (pos == std::string::npos) return 0;
    pos += 2;
  }
  const size_t space = sdp.find(' ', pos);
  return static_cast<uint16_t>(std::stoi(sdp.substr(space + 1)));
}

}  // namespace rr::session::testing
