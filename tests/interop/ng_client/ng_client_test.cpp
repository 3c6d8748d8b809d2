// Debian's rtpengine-ng-client (Perl, NGCP::Rtpengine) drives a whole call through each ng
// command — ping, offer, answer, query, list, statistics, delete — against rtp-relay and,
// as the reference that shows the expectations are rtpengine's, against rtpengine itself.
// The client exits non-zero on an error reply; each step also checks what it prints. Also
// delete delay, replace-sdp-version and forked offers (via-branch), each against both.
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

// rtpengine's delete delay: the call outlives a delayed delete (list and query still show it)
// until a delete with delay 0. The reference is started with --delete-delay=0, so the delay
// comes from the request's key.
const std::vector<Step>& delete_delay_steps() {
  static const std::vector<Step> steps = {
      {"offer", {"--call-id=delaycall", "--from-tag=callertag", "--sdp=" + sdp_of("192.0.2.10", 4000)}, true, {}, {}},
      {"answer",
       {"--call-id=delaycall", "--from-tag=callertag", "--to-tag=calleetag", "--sdp=" + sdp_of("198.51.100.10", 5000)},
       true, {}, {}},
      {"delete", {"--call-id=delaycall", "--from-tag=callertag", "--delete-delay=60"}, false, {"created =>"}, {}},
      {"list", {}, false, {"'delaycall'"}, {}},
      {"query", {"--call-id=delaycall"}, false, {"created =>", "calleetag =>"}, {}},
      {"delete", {"--call-id=delaycall", "--from-tag=callertag", "--delete-delay=0"}, false, {"created =>"}, {}},
      {"list", {}, false, {"calls => ["}, {"'delaycall'"}},
  };
  return steps;
}

// replace-sdp-version: the o= version we send starts at the offerer's (4242) and goes up only
// when what we send changes (here: the offerer moved, so the callee gets new relay ports).
const std::vector<Step>& sdp_version_steps() {
  static const std::vector<Step> steps = {
      {"offer", {"--call-id=versioncall", "--from-tag=callertag", "--replace-sdp-version", "--sdp=" + sdp_of("192.0.2.10", 4000)},
       true, {"o=- 4242 4242 IN IP4 192.0.2.10"}, {"4243 IN"}},
      {"offer", {"--call-id=versioncall", "--from-tag=callertag", "--replace-sdp-version", "--sdp=" + sdp_of("192.0.2.10", 4000)},
       true, {}, {"4243 IN"}},
      {"offer", {"--call-id=versioncall", "--from-tag=callertag", "--replace-sdp-version", "--sdp=" + sdp_of("192.0.2.11", 4002)},
       true, {"o=- 4242 4243 IN IP4 192.0.2.11"}, {}},
      {"delete", {"--call-id=versioncall", "--from-tag=callertag"}, false, {}, {}},
  };
  return steps;
}

class NgClient : public testing::TestWithParam<NgRelay> {
 protected:
  void run_steps(const std::vector<Step>& steps) {
    ASSERT_EQ(geteuid(), 0u) << "the relay's EAL needs root";
    auto relay = GetParam().start();
    ASSERT_TRUE(relay->wait_ready(120s)) << relay->output();
    for (const auto& step : steps) {
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
};

// The relay port an offer or answer advertised, from the client's "New SDP" (0: none).
uint16_t advertised_port(const std::string& output) {
  const size_t at = output.find(kSdpStart);
  if (at == std::string::npos) return 0;
  auto media = ngclient::audio_endpoint(std::string_view(output).substr(at + kSdpStart.size()));
  return media ? media->port : 0;
}

TEST_P(NgClient, DrivesEveryCommandOfACall) { run_steps(call_steps()); }

// Kamailio forks an INVITE: one offer per via-branch, same call-id and from-tag. Each branch
// gets relay ports of its own (the same again when its offer repeats), a failed branch's
// delete leaves the call, and the answering callee sends to its own branch's ports.
TEST_P(NgClient, ForkedOffersGetPortsOfTheirOwn) {
  ASSERT_EQ(geteuid(), 0u) << "the relay's EAL needs root";
  auto relay = GetParam().start();
  ASSERT_TRUE(relay->wait_ready(120s)) << relay->output();
  auto client = [&](std::vector<std::string> args, const char* command) {
    std::vector<std::string> argv{"rtpengine-ng-client", "--proxy-address=127.0.0.1",
                                  "--proxy-port=" + std::to_string(relay->ng().port),
                                  "--call-id=forkcall", "--from-tag=callertag"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.push_back(command);
    auto run = netlab::run_command(argv, 20s);
    EXPECT_EQ(run.code, 0) << run.output << "\n---- relay ----\n" << relay->output();
    return run.output;
  };
  const std::string offer_sdp = "--sdp=" + sdp_of("192.0.2.10", 4000);
  const uint16_t z1 = advertised_port(client({"--via-branch=z9hG4bK1", offer_sdp}, "offer"));
  const uint16_t z2 = advertised_port(client({"--via-branch=z9hG4bK2", offer_sdp}, "offer"));
  ASSERT_NE(z1, 0);
  ASSERT_NE(z2, 0);
  EXPECT_NE(z1, z2);
  EXPECT_EQ(advertised_port(client({"--via-branch=z9hG4bK1", offer_sdp}, "offer")), z1);
  client({"--via-branch=z9hG4bK1"}, "delete");  // the first fork failed (487)
  EXPECT_NE(client({}, "query").find("created =>"), std::string::npos) << "the call goes on";
  client({"--via-branch=z9hG4bK2", "--to-tag=calleetag", "--sdp=" + sdp_of("198.51.100.10", 5000)},
         "answer");
  const std::string query = client({}, "query");
  const size_t callee = query.find("calleetag => {");
  ASSERT_NE(callee, std::string::npos) << query;
  // The client prints keys sorted: the caller's section, if after, ends the callee's.
  const size_t callee_end = query.find("callertag => {", callee);
  const size_t port = query.find("'local port' => '" + std::to_string(z2) + "'", callee);
  EXPECT_LT(port, callee_end) << "the callee sends to its branch's port " << z2 << "\n" << query;
  client({}, "delete");
}

TEST_P(NgClient, DelayedDeleteKeepsTheCallUntilItEnds) { run_steps(delete_delay_steps()); }

TEST_P(NgClient, ReplaceSdpVersionCountsOnlyChanges) { run_steps(sdp_version_steps()); }

INSTANTIATE_TEST_SUITE_P(Relays, NgClient,
                         testing::Values(NgRelay{"rtp_relay", rtp_relay_on_null},
                                         NgRelay{"rtpengine_reference", rtpengine_on_loopback}),
                         RelayKindName());

}  // namespace
}  // namespace rr::interop
