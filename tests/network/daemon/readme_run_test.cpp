// README's run command, exactly as a newcomer types it: `tools/dev run` installs nothing new
// (the suite's own setup did), builds (a no-op by now), starts the relay on the embedded
// default (TAP vdev, ng on 127.0.0.1:2223), answers ng ping, and stops on SIGTERM with exit 0,
// leaving no TAP device behind.
#include <gtest/gtest.h>
#include <net/if.h>

#include <string>

#include "tests/support/ng_ping.hpp"
#include "tests/support/process.hpp"

namespace {

using namespace std::chrono_literals;

TEST(ReadmeRunCommand, StartsAnswersNgPingAndStopsOnSigterm) {
  ASSERT_EQ(geteuid(), 0u) << "README's commands run as root";
  ASSERT_EQ(if_nametoindex("rr-media0"), 0u) << "a TAP device rr-media0 exists already: is a relay running?";
  rr::test::Child run({RR_SOURCE_DIR "/tools/dev", "run"}, testing::TempDir() + "rr-readme-run.log");
  ASSERT_TRUE(run.started());
  ASSERT_TRUE(rr::test::ng_ping_until("127.0.0.1", 2223, 300s)) << run.output();
  EXPECT_NE(if_nametoindex("rr-media0"), 0u) << "the dev-tap profile's TAP device is missing";
  // Also an ng request with an unknown command gets rtpengine's error, not silence.
  auto reply = rr::test::ng_request("127.0.0.1", 2223, "t2 d7:command5:boguse", 2s);
  ASSERT_TRUE(reply.has_value());
  EXPECT_NE(reply->find("Unrecognized command"), std::string::npos) << *reply;

  run.signal(SIGTERM);
  auto code = run.wait_exit(30s);
  ASSERT_TRUE(code.has_value()) << run.output();
  EXPECT_EQ(*code, 0) << run.output();
  EXPECT_EQ(if_nametoindex("rr-media0"), 0u) << "TAP device left behind";
}

}  // namespace
