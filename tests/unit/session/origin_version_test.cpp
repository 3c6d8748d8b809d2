// replace-sdp-version: the o= version we send for a party starts at the party's own and goes
// up only when what we send changes. Each row replays what rtpengine 10.5 answered to the same
// sequence of re-offers (rtpengine-ng-client --replace-sdp-version), so the expectations are
// rtpengine's.
#include <gtest/gtest.h>

#include <sstream>
#include <vector>

#include "tests/unit/session/fixture.hpp"

namespace rr::session::testing {
namespace {

std::string versioned_sdp(const std::string& version, const std::string& ip, uint16_t port,
                          const std::string& session_name = "-") {
  return "v=0\r\no=alice 100 " + version + " IN IP4 " + ip + "\r\ns=" + session_name +
         "\r\nc=IN IP4 " + ip + "\r\nt=0 0\r\nm=audio " + std::to_string(port) +
         " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
}

// The session version of the o= line in `sdp`.
std::string origin_version(const std::string& sdp) {
  const size_t o = sdp.find("o=");
  std::istringstream line(sdp.substr(o + 2, sdp.find('\r', o) - o - 2));
  std::string user, id, version;
  line >> user >> id >> version;
  return version;
}

struct Reoffer {
  const char* what;
  std::string version;  // in the offerer's SDP
  uint16_t port;
  std::string session_name;
  bool flag;           // replace-sdp-version
  std::string expect;  // in the SDP we send on
};

TEST(OriginVersion, CountsOnlyWhenWhatWeSendChanges) {
  const std::vector<Reoffer> steps = {
      {"first offer: the party's version", "200", 4000, "-", true, "200"},
      {"same offer again", "200", 4000, "-", true, "200"},
      {"moved: new relay ports", "200", 4002, "-", true, "201"},
      {"peer bumps, nothing else changes", "205", 4002, "-", true, "201"},
      {"moved again", "205", 4010, "-", true, "202"},
      {"without the flag o= passes through", "205", 4012, "-", false, "205"},
      {"flag again, differs from the last flagged", "205", 4012, "-", true, "203"},
      {"a session line changed", "205", 4012, "x", true, "204"},
      {"unchanged", "206", 4012, "x", true, "204"},
  };
  FakeClock clock;
  RecordingForwarding forwarding;
  Sessions sessions(test_config(clock), forwarding);
  for (const Reoffer& step : steps) {
    OfferRequest r = offer_request(
        "c1", "A", versioned_sdp(step.version, "192.0.2.10", step.port, step.session_name));
    r.flags.replace_sdp_version = step.flag;
    const auto offer = sessions.offer(r);
    ASSERT_TRUE(offer.ok()) << step.what;
    EXPECT_EQ(origin_version(offer.value().sdp), step.expect) << step.what;
  }
}

TEST(OriginVersion, AnswerSideCountsForTheAnswerer) {
  FakeClock clock;
  RecordingForwarding forwarding;
  Sessions sessions(test_config(clock), forwarding);
  ASSERT_TRUE(
      sessions.offer(offer_request("c1", "A", versioned_sdp("200", "192.0.2.10", 4000))).ok());
  const struct {
    uint16_t port;
    std::string session_name;
    std::string expect;
  } answers[] = {
      {5000, "-", "7"},
      {5000, "-", "7"},
      // The answerer moved, but the offerer keeps its relay ports: what we send is the same
      // (rtpengine, which hands out fresh ports here, bumps).
      {5002, "-", "7"},
      {5002, "x", "8"},
  };
  for (const auto& a : answers) {
    AnswerRequest r =
        answer_request("c1", "A", "B", versioned_sdp("7", "198.51.100.1", a.port, a.session_name));
    r.flags.replace_sdp_version = true;
    const auto answer = sessions.answer(r);
    ASSERT_TRUE(answer.ok());
    EXPECT_EQ(origin_version(answer.value().sdp), a.expect) << "answer port " << a.port;
  }
}

}  // namespace
}  // namespace rr::session::testing
