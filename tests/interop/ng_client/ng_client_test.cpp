// Debian's rtpengine-ng-client (Perl, NGCP::Rtpengine) drives a whole call through each ng
// command — ping, offer, answer, query, list, statistics, delete — against rtp-relay and,
// as the reference that shows the expectations are rtpengine's, against rtpengine itself.
// The client exits non-zero on an error reply; each step also checks what it prints.
#include <gtest/gtest.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "tests/interop/support/relay_kind.hpp"
#include "tests/network/support/command.hpp"
#include "tools/ngclient/calls.hpp"

namespace rr::interop {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kSdpStart = "New SDP:\n-----8<-----8<-----8<-----8<-----8<-----\n";

struct Step {
  const char* command;
  std::vector<std::string> args;
  bool returns_sdp = false;
  std::vector<std::string> printed;      // substrings the client must print
  std::vector<std::string> not_printed;  // and must not
};

std::string sdp_of(const std::string& host, uint16_t port) {
  return ngclient::g711_sdp({IpAddress::parse(host).value(), port}, 4242);
}

const std::vector<Step>& call_steps() {
  static const std::vector<Step> steps = {
      {"ping", {}, false, {"result => 'pong'"}, {}},
      {"offer", {"--call-id=interopcall", "--from-tag=callertag", "--sdp=" + sdp_of("192.0.2.10", 4000)}, true,
       {"Old SDP:"}, {}},
      {"answer",
       {"--call-id=interopcall", "--from-tag=callertag", "--to-tag=calleetag", "--sdp=" + sdp_of("198.51.100.10", 5000)},
       true, {}, {}},
      {"query", {"--call-id=interopcall"}, false, {"created =>", "tags =>", "callertag =>", "calleetag =>"}, {}},
      {"list", {}, false, {"calls => [", "'interopcall'"}, {}},
      {"statistics", {}, false, {"statistics => {", "currentstatistics => {", "sessionsown =>"}, {}},
      {"delete", {"--call-id=interopcall", "--from-tag=callertag"}, false, {"created =>"}, {}},
      {"list", {}, false, {"calls => ["}, {"'interopcall'"}},
  };
  return steps;
}

using NgRelay = RelayKind<>;

std::unique_ptr<MediaRelay> rtp_relay_on_null() {
  netlab::RelayOptions options;
  options.binary = RR_RELAY_BINARY;
  options.driver = netlab::Driver::null;
  options.ports = {{"pub", IpAddress::v4(192, 0, 2, 1), 24, ""}};
  return start_rtp_relay(std::move(options));
}

std::unique_ptr<MediaRelay> rtpengine_on_loopback() {
  return start_rtpengine({{"", IpAddress::v4(127, 0, 0, 1), 8, ""}}, 41000, 41099);
}

class NgClient : public testing::TestWithParam<NgRelay> {};

TEST_P(NgClient, DrivesEveryCommandOfACall) {
  ASSERT_EQ(geteuid(), 0u) << "the relay's EAL needs root";
  auto relay = GetParam().start();
  ASSERT_TRUE(relay->wait_ready(120s)) << relay->output();
  for (const auto& step : call_steps()) {
    SCOPED_TRACE(step.command);
    std::vector<std::string> argv{"rtpengine-ng-client", "--proxy-address=127.0.0.1",
                                  "--proxy-port=" + std::to_string(relay->ng().port)};
    argv.insert(argv.end(), step.args.begin(), step.args.end());
    argv.push_back(step.command);
    auto run = netlab::run_command(argv, 20s);
    ASSERT_EQ(run.code, 0) << run.output << "\n---- relay ----\n" << relay->output();
    for (const auto& text : step.printed) EXPECT_NE(run.output.find(text), std::string::npos) << text << " in\n" << run.output;
    for (const auto& text : step.not_printed) EXPECT_EQ(run.output.find(text), std::string::npos) << text << " in\n" << run.output;
    if (!step.returns_sdp) continue;
    const size_t at = run.output.find(kSdpStart);
    ASSERT_NE(at, std::string::npos) << run.output;
    auto media = ngclient::audio_endpoint(std::string_view(run.output).substr(at + kSdpStart.size()));
    ASSERT_TRUE(media.has_value()) << run.output;
    EXPECT_EQ(media->address, relay->media_address()) << run.output;
    EXPECT_GE(media->port, relay->port_min());
    EXPECT_LE(media->port, relay->port_max());
  }
}

INSTANTIATE_TEST_SUITE_P(Relays, NgClient,
                         testing::Values(NgRelay{"rtp_relay", rtp_relay_on_null},
                                         NgRelay{"rtpengine_reference", rtpengine_on_loopback}),
                         RelayKindName());

}  // namespace
}  // namespace rr::interop
