// The RTP clock the data plane measures jitter in: the first payload type's rtpmap, RFC 3551
// for static types, 8000 otherwise.
#include "control/session/clock_rate.hpp"

#include <gtest/gtest.h>

#include "tests/unit/session/fixture.hpp"

namespace rr::session::testing {
namespace {

struct Row {
  const char* description;
  const char* media;  // m= line and its attributes
  uint32_t clock_rate;
};

TEST(ClockRate, FirstPayloadTypeDecides) {
  const Row rows[] = {
      {"PCMU", "m=audio 4000 RTP/AVP 0 8\r\n", 8000},
      {"PCMA", "m=audio 4000 RTP/AVP 8\r\n", 8000},
      {"G.722 keeps its historic 8000", "m=audio 4000 RTP/AVP 9\r\n", 8000},
      {"G.729", "m=audio 4000 RTP/AVP 18\r\n", 8000},
      {"L16 stereo", "m=audio 4000 RTP/AVP 10\r\n", 44100},
      {"opus by rtpmap", "m=audio 4000 RTP/AVP 111 0\r\na=rtpmap:111 opus/48000/2\r\n", 48000},
      {"rtpmap of a later type does not count",
       "m=audio 4000 RTP/AVP 0 111\r\na=rtpmap:111 opus/48000/2\r\n", 8000},
      {"H.264 video", "m=video 4000 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n", 90000},
      {"dynamic type without rtpmap", "m=audio 4000 RTP/AVP 101\r\n", 8000},
      {"not a number", "m=application 4000 UDP/BFCP *\r\n", 8000},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.description);
    const auto sdp = sdp::parse(std::string("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n"
                                            "c=IN IP4 192.0.2.1\r\nt=0 0\r\n") +
                                row.media);
    ASSERT_TRUE(sdp.ok());
    EXPECT_EQ(clock_rate_of(sdp->media.at(0)), row.clock_rate);
  }
}

TEST(ClockRate, ReachesTheDataPlane) {
  FakeClock clock;
  RecordingForwarding forwarding;
  Sessions sessions{test_config(clock), forwarding};
  const std::string opus =
      "v=0\r\no=- 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\n"
      "t=0 0\r\nm=audio 4000 RTP/AVP 111\r\na=rtpmap:111 opus/48000/2\r\n";
  ASSERT_TRUE(sessions.offer(offer_request("c1", "A", opus)).ok());
  ASSERT_TRUE(
      sessions.answer(answer_request("c1", "A", "B", audio_sdp("198.51.100.2", 5000))).ok());
  ASSERT_EQ(forwarding.published.size(), 1u);
  EXPECT_EQ(forwarding.published[0].clock_rate, 48000u);
}

}  // namespace
}  // namespace rr::session::testing
