// The relay on the two-party topology, started per test with the keys under test, plus what
// the metrics tests do to it: calls with phone sockets, paced RTP, ng list and /metrics.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tests/network/metrics/exposition.hpp"
#include "tests/network/relay/call_fixture.hpp"

namespace rr::netlab {

// One RTP packet of a paced stream: its sequence number (timestamp = seq * 160, PCMU's
// 20 ms) and how long after the previous packet it leaves.
struct Departure {
  uint16_t seq;
  std::chrono::microseconds gap;
};

// A call set up over ng with a kernel socket per phone (IPv4).
struct PhoneCall {
  ngclient::CallIds ids;
  HostUdpSocket caller, callee;
  Endpoint caller_sends_to, callee_sends_to;  // the relay's endpoints in the two SDPs
};

class RelayMetrics : public RelayOnVeths {
 protected:
  void SetUp() override;  // root check only: each test starts the relay with its own keys

  // Starts the daemon with media ports [port_min, port_max] on IPv4 only (so each
  // interface has exactly that range, which the port assertions count on) and `keys`.
  void start_relay(uint16_t port_min, uint16_t port_max, std::vector<std::string> keys);

  // Offer and answer for `call_id`; nothing (with a test failure) if either fails.
  std::optional<PhoneCall> open_call(const std::string& call_id);
  std::vector<std::string> listed_calls();

  // One GET of /metrics; an empty exposition and a test failure when it cannot be read.
  Exposition scrape();
  // Scrapes until `done` holds (control samples once a second) or `timeout` passes; the
  // last scrape either way, so the caller's assertions show what was there.
  Exposition scrape_until(const std::function<bool(const Exposition&)>& done,
                          std::chrono::milliseconds timeout = std::chrono::seconds(6));

 private:
  std::optional<Endpoint> metrics_;
};

// Sends `plan` from `from` to `to` on an absolute schedule (gaps do not accumulate sleep
// overshoot). Returns when each datagram the kernel accepted really left: a loaded machine
// wakes the sender late, and the jitter test accounts for that instead of tolerating it.
using SendTimes = std::vector<std::chrono::steady_clock::time_point>;
SendTimes send_paced(const HostUdpSocket& from, const Endpoint& to, uint32_t ssrc,
                     std::span<const Departure> plan);

// The labels of the RTP stream the caller (or the callee) sends in `ids`' call, media 1:
// `leg` is the sending peer's tag (deploy/README.md "Metrics").
Labels stream_labels(const ngclient::CallIds& ids, bool from_caller);

// A few of each name, as shorthand in assertions.
inline constexpr const char* kStreamPackets = "rtp_relay_stream_packets_total";
inline constexpr const char* kStreamLost = "rtp_relay_stream_lost_packets";
inline constexpr const char* kStreamJitter = "rtp_relay_stream_jitter_seconds";
inline constexpr const char* kStreamIdle = "rtp_relay_stream_seconds_since_last_packet";
inline constexpr const char* kStreamMos = "rtp_relay_stream_mos";

}  // namespace rr::netlab
