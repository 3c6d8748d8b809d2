// What /metrics and ng say about calls the relay ends itself (timeout) and about many
// streams against the per-stream series cap.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <thread>

#include "control/session/outcome.hpp"
#include "tests/network/metrics/metrics_fixture.hpp"

namespace rr::netlab {
namespace {

using namespace std::chrono_literals;

class CallLifecycle : public RelayMetrics {
 protected:
  // Five packets each way, 20 ms apart, so both directions have media.
  static void talk(const PhoneCall& call, uint32_t ssrc) {
    std::vector<Departure> plan;
    for (uint16_t seq = 1; seq <= 5; ++seq) plan.push_back({seq, 20ms});
    EXPECT_EQ(send_paced(call.caller, call.caller_sends_to, ssrc, plan).size(), plan.size());
    EXPECT_EQ(send_paced(call.callee, call.callee_sends_to, ssrc + 1, plan).size(), plan.size());
  }
  bool listed(const std::string& call_id) {
    const auto ids = listed_calls();
    return std::find(ids.begin(), ids.end(), call_id) != ids.end();
  }
};

const char* const kPorts = "rtp_relay_ports";
const Labels kUsed{{"state", "used"}}, kFree{{"state", "free"}}, kQuarantined{{"state", "quarantined"}};
const Labels kTimeout{{"kind", "timeout"}};

// 20000-20007 is four RTP/RTCP pairs per interface; a call holds one pair on each side.
// With --port-quarantine=6 the timed-out call's ports are quarantined (not leaked, not handed
// out) while the other three pairs serve new calls and the next offer runs out of ports; once
// the quarantine is over, that pair serves a new call.
TEST_P(CallLifecycle, SilentCallTimesOutAndItsPortsAreQuarantinedThenReused) {
  start_relay(20000, 20007, {"--timeout", "2", "--port-quarantine", "6"});
  auto call = open_call("timeout-1");
  ASSERT_TRUE(call);
  talk(*call, 0x30000);
  const auto silent_since = std::chrono::steady_clock::now();
  ASSERT_TRUE(listed(call->ids.call_id)) << "the call ended while it still had media";

  // timeout=2 plus up to one control tick to notice the last packet and one to act on the
  // silence; 8 s only bounds the wait on a loaded, sanitized build.
  bool gone = false;
  while (!gone && std::chrono::steady_clock::now() - silent_since < 8s) {
    std::this_thread::sleep_for(200ms);
    gone = !listed(call->ids.call_id);
  }
  ASSERT_TRUE(gone) << "still listed 8 s after its last packet";
  std::printf("gone from ng list %.1f s after the last packet\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - silent_since).count());

  auto metrics = scrape_until([](const Exposition& e) { return e.value("rtp_relay_calls") == 0.0; });
  EXPECT_EQ(metrics.value("rtp_relay_calls"), 0.0);
  EXPECT_EQ(metrics.value("rtp_relay_call_timeouts_total", kTimeout), 1.0);
  for (const char* other : {"silent_timeout", "final_timeout"})
    EXPECT_EQ(metrics.value("rtp_relay_call_timeouts_total", {{"kind", other}}), 0.0) << other;
  // The call's 4 ports are neither used nor free: in quarantine.
  EXPECT_EQ(metrics.sum(kPorts, kUsed), 0.0);
  EXPECT_EQ(metrics.sum(kPorts, kFree), 12.0);
  EXPECT_EQ(metrics.sum(kPorts, kQuarantined), 4.0);
  // The offer, answer and list replies are kept for retransmissions, far below the default bound.
  EXPECT_GT(metrics.value("rtp_relay_ng_reply_cache_entries").value_or(0), 0.0);
  EXPECT_GT(metrics.value("rtp_relay_ng_reply_cache_bytes").value_or(0), 0.0);
  EXPECT_EQ(metrics.value("rtp_relay_ng_reply_cache_limit_bytes"), 256.0 * 1024 * 1024);
  EXPECT_EQ(metrics.value("rtp_relay_ng_reply_cache_evicted_early_total"), 0.0);
  const auto released_at = std::chrono::steady_clock::now();

  // rtpengine answers a delete of an unknown call with "ok" and a warning, not an error.
  auto deleted = ng_->request(ngclient::delete_request(call->ids));
  EXPECT_TRUE(deleted.ok()) << deleted.error;
  EXPECT_EQ(deleted.body.get_string("result"), "ok");
  EXPECT_EQ(deleted.body.get_string("warning"), session::reason::kDeleteNotFound);

  std::vector<PhoneCall> next;
  for (int i = 1; i <= 3; ++i) {
    auto another = open_call("timeout-next-" + std::to_string(i));
    ASSERT_TRUE(another) << "call " << i << " of the three free pairs";
    next.push_back(std::move(*another));
  }
  metrics = scrape_until([](const Exposition& e) { return e.value("rtp_relay_calls") == 3.0; });
  EXPECT_EQ(metrics.sum(kPorts, kUsed), 12.0);
  EXPECT_EQ(metrics.sum(kPorts, kFree), 0.0);
  EXPECT_EQ(metrics.sum(kPorts, kQuarantined), 4.0);
  HostUdpSocket caller(topology_->caller(), {kCallerSide.host_address, 0});
  auto offer = ngclient::offer_request({"timeout-full", "f", "t"}, ngclient::g711_sdp(caller.local(), 9),
                                       caller.local().address);
  offer.set("direction", bencode::List{kCallerSide.relay_interface, kCalleeSide.relay_interface});
  auto refused = ng_->request(offer);
  ASSERT_LT(std::chrono::steady_clock::now() - released_at, 6s) << "too slow to observe the quarantine";
  EXPECT_EQ(refused.error, session::reason::kNoPorts) << "the quarantined pair was handed out";

  // The quarantine (6 s from the release, within one control tick) is over: the pair serves again.
  std::this_thread::sleep_until(released_at + 7s);
  auto reused = ng_->request(offer);
  EXPECT_TRUE(reused.ok()) << reused.error;
  EXPECT_EQ(reused.body.get_string("result"), "ok");
}

// An SDP of `phone` with its direction attribute replaced, for a re-INVITE that holds.
std::string sdp_with_direction(const HostUdpSocket& phone, uint64_t version, const std::string& direction) {
  std::string sdp = ngclient::g711_sdp(phone.local(), version);
  const std::string sendrecv = "a=sendrecv";
  sdp.replace(sdp.find(sendrecv), sendrecv.size(), "a=" + direction);
  return sdp;
}

// Each timeout kind ends one call, and the relay says which: a silent call (timeout), a
// silent call put on hold by a re-INVITE (silent-timeout), and a call that keeps talking
// until final-timeout. timeout and silent-timeout are equal, so only the hold tells them
// apart; final-timeout is twice as long, so the talking call outlives the others.
TEST_P(CallLifecycle, EachTimeoutKindEndsItsCallAndIsCounted) {
  start_relay(30000, 30099, {"--timeout", "2", "--silent-timeout", "2", "--final-timeout", "4"});
  struct KindRow {
    const char* call_id;
    const char* kind;  // the label value
    const char* logged;
  };
  const KindRow rows[] = {{"kind-silent", "timeout", "timeout"},
                          {"kind-hold", "silent_timeout", "silent timeout"},
                          {"kind-talking", "final_timeout", "final timeout"}};
  std::vector<PhoneCall> calls;
  for (const auto& row : rows) {
    auto call = open_call(row.call_id);
    ASSERT_TRUE(call) << row.call_id;
    calls.push_back(std::move(*call));
  }
  const PhoneCall& hold = calls[1];
  auto offer = ngclient::offer_request(hold.ids, sdp_with_direction(hold.caller, 2, "sendonly"),
                                       kCallerSide.host_address);
  offer.set("direction", bencode::List{kCallerSide.relay_interface, kCalleeSide.relay_interface});
  ASSERT_TRUE(ng_->request(offer).ok());
  ASSERT_TRUE(ng_->request(ngclient::answer_request(hold.ids, sdp_with_direction(hold.callee, 3, "recvonly"),
                                                    kCalleeSide.host_address))
                  .ok());

  const PhoneCall& talking = calls[2];
  std::jthread talker([&](std::stop_token stop) {
    for (uint16_t seq = 1; !stop.stop_requested(); ++seq) {
      talking.caller.send_to(talking.caller_sends_to, rtp_packet(seq, 0x50000, 0));
      std::this_thread::sleep_for(100ms);
    }
  });
  const auto start = std::chrono::steady_clock::now();
  while (!listed_calls().empty() && std::chrono::steady_clock::now() - start < 10s)
    std::this_thread::sleep_for(200ms);
  talker.request_stop();
  ASSERT_TRUE(listed_calls().empty()) << "calls left 10 s after set-up with final-timeout=4";

  const auto metrics = scrape_until([](const Exposition& e) { return e.value("rtp_relay_calls") == 0.0; });
  const std::string log = relay_->output();
  for (const auto& row : rows) {
    SCOPED_TRACE(row.call_id);
    EXPECT_EQ(metrics.value("rtp_relay_call_timeouts_total", {{"kind", row.kind}}), 1.0);
    const std::string line = std::string("call ") + row.call_id + " torn down: " + row.logged;
    EXPECT_NE(log.find(line), std::string::npos) << "no '" << line << "' in the log";
  }
}

const char* const kStreamFamilies[] = {kStreamJitter, kStreamLost, kStreamPackets, kStreamIdle, kStreamMos};

std::string label_or_empty(const MetricSample& sample, const std::string& key) {
  auto it = sample.labels.find(key);
  return it == sample.labels.end() ? std::string() : it->second;
}

// The key of every per-stream series the exposition has.
std::set<std::string> series_streams(const Exposition& e) {
  std::set<std::string> keys;
  for (const auto& sample : e.samples())
    if (std::find(std::begin(kStreamFamilies), std::end(kStreamFamilies), sample.name) != std::end(kStreamFamilies))
      keys.insert(label_or_empty(sample, "call_id") + "/" + label_or_empty(sample, "direction"));
  return keys;
}

// 3 calls = 12 streams (RTP and RTCP, each direction), of which the 6 RTP streams have
// per-stream series (RTCP has no loss or jitter of its own): a cap of 2 leaves out 4.
TEST_P(CallLifecycle, SeriesCapLimitsPerStreamSeriesButNotAggregates) {
  start_relay(30000, 30099, {"--metrics-max-streams", "2"});
  std::vector<PhoneCall> calls;
  for (int i = 1; i <= 3; ++i) {
    auto call = open_call("cap-" + std::to_string(i));
    ASSERT_TRUE(call);
    talk(*call, 0x40000 + 2 * i);
    calls.push_back(std::move(*call));
  }
  // Every RTP stream received something: all 6 are in the jitter distribution.
  const auto measured = [](const Exposition& e) {
    return e.value("rtp_relay_streams_jitter_seconds_count") == 6.0;
  };
  const auto metrics = scrape_until(measured);
  ASSERT_TRUE(measured(metrics));
  for (const char* family : kStreamFamilies) EXPECT_EQ(metrics.series_count(family), 2u) << family;
  EXPECT_EQ(series_streams(metrics).size(), 2u) << "the 5 families describe different streams";
  EXPECT_EQ(metrics.value("rtp_relay_stream_series_omitted"), 4.0);
  EXPECT_EQ(metrics.value("rtp_relay_streams"), 12.0);
  EXPECT_EQ(metrics.value("rtp_relay_calls"), 3.0);
  EXPECT_EQ(metrics.value("rtp_relay_streams_loss_ratio_count"), 6.0);
  EXPECT_EQ(metrics.value("rtp_relay_relayed_packets_total", {{"kind", "rtp"}}), 30.0);

  // The cap keeps the same streams from one sample to the next (ordered by call-id), so a
  // dashboard's series do not hop between calls.
  std::this_thread::sleep_for(1200ms);  // at least one more control sample
  EXPECT_EQ(series_streams(scrape()), series_streams(metrics));
}

INSTANTIATE_TEST_SUITE_P(NetworkMetrics, CallLifecycle, testing::Values(Driver::af_packet, Driver::af_xdp),
                         driver_name);

}  // namespace
}  // namespace rr::netlab
