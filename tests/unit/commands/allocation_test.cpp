// Heap allocations per ng offer+answer+delete cycle, counted through a replaced operator new
// while the RequestProcessor (framing, reply cache, decode, commands, sessions, encode) serves
// the datagrams ngbench sends. malloc/free were ~22 % of the control thread's profile
// (bench/control/README.md); 292 allocations per cycle before this test, 138 after (reserved
// containers, moved SDP, reused reply buffer, pooled reply cache). The bound keeps it so.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "control/bencode/encode.hpp"
#include "control/commands/handlers.hpp"
#include "control/ng/processor.hpp"
#include "tests/unit/session/fixture.hpp"
#include "tools/ngclient/calls.hpp"
#include "tests/support/counting_new.hpp"

namespace {

using rr::test_support::allocations;
using rr::test_support::counting;

}  // namespace

namespace rr::commands {
namespace {

struct Cycle {
  std::string offer, answer, del;
};

// What ngbench sends for call `n`: Kamailio-shaped requests, each with its own cookie.
Cycle cycle_datagrams(int n) {
  const IpAddress proxy = *IpAddress::parse("127.0.0.1");
  ngclient::CallIds ids{"call-" + std::to_string(n) + "@bench", "from-" + std::to_string(n),
                        "to-" + std::to_string(n)};
  const std::string a = ngclient::g711_sdp({*IpAddress::parse("192.0.2.10"), 4000}, 1);
  const std::string b = ngclient::g711_sdp({*IpAddress::parse("198.51.100.20"), 5000}, 2);
  const std::string cookie = std::to_string(n) + "_";
  return {cookie + "1 " + bencode::encode(ngclient::offer_request(ids, a, proxy)),
          cookie + "2 " + bencode::encode(ngclient::answer_request(ids, b, proxy)),
          cookie + "3 " + bencode::encode(ngclient::delete_request(ids))};
}

TEST(NgAllocations, PerOfferAnswerDeleteCycle) {
  session::testing::FakeClock clock;
  session::testing::RecordingForwarding forwarding;
  session::Sessions sessions(session::testing::test_config(clock), forwarding);
  SessionHandler handler(sessions);
  ng::RequestProcessor processor(&handler, {}, [&clock] { return clock.now; });
  const Endpoint proxy{*IpAddress::parse("127.0.0.1"), 5060};

  constexpr int kWarmUp = 200, kCycles = 1000;
  std::vector<Cycle> cycles;
  for (int n = 0; n < kWarmUp + kCycles; ++n) cycles.push_back(cycle_datagrams(n));
  size_t failures = 0;
  auto run = [&](const Cycle& c) {
    for (const std::string* datagram : {&c.offer, &c.answer, &c.del}) {
      const ng::Outcome out = processor.process(*datagram, proxy);
      failures += !out.reply || out.reply->find("6:result2:ok") == std::string::npos;
    }
  };
  // Warm-up: the cache, the session tables and the port pool reach their steady sizes.
  for (int n = 0; n < kWarmUp; ++n) run(cycles[n]);
  counting = true;
  for (int n = kWarmUp; n < kWarmUp + kCycles; ++n) run(cycles[n]);
  counting = false;
  ASSERT_EQ(failures, 0u);
  const double per_cycle = static_cast<double>(allocations) / kCycles;
  std::printf("allocations per offer+answer+delete cycle: %.1f\n", per_cycle);
  RecordProperty("allocations_per_cycle", std::to_string(per_cycle));
  EXPECT_LE(per_cycle, 160.0);
}

}  // namespace
}  // namespace rr::commands
