// Kamailio 5.6's rtpengine module puts rtp-relay into a SIPp call between two namespaces:
//
//   ns a: SIPp caller  SIP 192.0.2.130 ── sig veth ── 192.0.2.129  Kamailio (root)  198.51.100.129 ── sig veth ── 198.51.100.130 SIPp callee :ns b
//         media 192.0.2.10 ── veth ── [DPDK a 192.0.2.1]  rtp-relay  [DPDK b 198.51.100.1] ── veth ── media 198.51.100.10
//
// Kamailio asks the relay over ng on 127.0.0.1 (offer with direction=a,b; answer; delete on
// BYE). The callee must see the relay's b address in the INVITE's SDP, the caller the a
// address in the 200's, and the relay must count RTP from both legs (the callee echoes).
// The reference run puts Debian's rtpengine on the same addresses (kernel sockets on the
// root-side veth ends instead of DPDK), which shows the scenario itself is right.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "tests/interop/kamailio/sip_helpers.hpp"
#include "tests/interop/support/relay_kind.hpp"
#include "tests/network/support/topology.hpp"
#include "tools/ngclient/client.hpp"

namespace rr::interop {
namespace {

using namespace std::chrono_literals;
using netlab::kCalleeSide;
using netlab::kCallerSide;

const IpAddress kCallerSip = IpAddress::v4(192, 0, 2, 130), kProxyCallerSide = IpAddress::v4(192, 0, 2, 129);
const IpAddress kCalleeSip = IpAddress::v4(198, 51, 100, 130), kProxyCalleeSide = IpAddress::v4(198, 51, 100, 129);
constexpr uint16_t kSipPort = 5060;
constexpr uint16_t kCalleeMediaPort = 40000;

// True once something (Kamailio) holds the UDP port: our bind fails with EADDRINUSE.
bool udp_port_taken(const Endpoint& endpoint) {
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  auto address = ngclient::SockAddr::from(endpoint);
  const bool taken = bind(fd, address.get(), address.length) != 0 && errno == EADDRINUSE;
  close(fd);
  return taken;
}

// Raw PCMU that is not silence, for SIPp's rtp_stream (raw files are sent as they are).
std::string write_tone() {
  const std::string path = netlab::scratch_path("tone.ulaw");
  std::string samples(8000, '\0');
  for (size_t i = 0; i < samples.size(); ++i) samples[i] = static_cast<char>(i % 16 < 8 ? 0x10 : 0x90);
  std::ofstream(path, std::ios::binary) << samples;
  return path;
}

// Kamailio stopped with SIGTERM, so its main process reaps its children before exiting
// (the Child destructor's SIGKILL of the group stays the fallback).
struct KamailioProcess {
  test::Child child;
  ~KamailioProcess() {
    child.signal(SIGTERM);
    child.wait_exit(10s);
  }
};

struct SignallingLinks {
  netlab::VethPair caller{"s"}, callee{"t"};
  explicit SignallingLinks(const netlab::Topology& topology) {
    caller.attach_host(topology.caller(), {kCallerSip, 30, {}});
    caller.address_root_end(kProxyCallerSide, 30);
    callee.attach_host(topology.callee(), {kCalleeSip, 30, {}});
    callee.address_root_end(kProxyCalleeSide, 30);
  }
};

using KamailioRelay = RelayKind<const netlab::Topology&>;

std::unique_ptr<MediaRelay> rtp_relay_on_af_packet(const netlab::Topology& topology) {
  return start_rtp_relay(topology.relay_options(RR_RELAY_BINARY));
}

std::unique_ptr<MediaRelay> rtpengine_on_kernel(const netlab::Topology& topology) {
  auto options = topology.relay_options("");
  topology.caller_link().address_root_end(kCallerSide.relay_address, 24);
  topology.callee_link().address_root_end(kCalleeSide.relay_address, 24);
  return start_rtpengine(options.ports, options.port_min, options.port_max);
}

class Kamailio : public testing::TestWithParam<KamailioRelay> {};

TEST_P(Kamailio, RoutesSippCallThroughTheRelay) {
  ASSERT_EQ(geteuid(), 0u) << "namespace tests run as root";
  netlab::cleanup_stale_namespaces();
  netlab::Topology topology;
  SignallingLinks links(topology);
  auto relay_owner = GetParam().start(topology);
  MediaRelay& relay = *relay_owner;
  ASSERT_TRUE(relay.wait_ready(120s)) << relay.output();

  const std::string cfg = netlab::scratch_path("kamailio.cfg");
  fill_template(RR_KAMAILIO_DIR "/kamailio.cfg.in", cfg,
                {{"CALLER_LINK", Endpoint{kProxyCallerSide, kSipPort}.to_string()},
                 {"CALLEE_LINK", Endpoint{kProxyCalleeSide, kSipPort}.to_string()},
                 {"NG_PORT", std::to_string(relay.ng().port)},
                 {"DIRECTION", "direction=" + kCallerSide.relay_interface + " direction=" + kCalleeSide.relay_interface}});
  KamailioProcess kamailio_process{{{"kamailio", "-DD", "-E", "-f", cfg}, netlab::scratch_path("kamailio.log")}};
  const test::Child& kamailio = kamailio_process.child;
  for (int i = 0; i < 100 && !udp_port_taken({kProxyCalleeSide, kSipPort}); ++i) std::this_thread::sleep_for(100ms);
  ASSERT_TRUE(udp_port_taken({kProxyCalleeSide, kSipPort})) << kamailio.output();

  const std::string caller_xml = netlab::scratch_path("caller.xml");
  fill_template(RR_KAMAILIO_DIR "/caller.xml", caller_xml, {{"TONE", write_tone()}});
  const std::string callee_log = netlab::scratch_path("callee-messages.log");
  const std::string caller_log = netlab::scratch_path("caller-messages.log");
  const std::string sip = std::to_string(kSipPort);
  test::Child callee({"ip", "netns", "exec", topology.callee().name(), "sipp", "-sf", RR_KAMAILIO_DIR "/callee.xml",
                      "-i", kCalleeSip.to_string(), "-p", sip, "-mi", kCalleeSide.host_address.to_string(),
                      "-mp", std::to_string(kCalleeMediaPort), "-rtp_echo", "-m", "1", "-nostdin",
                      "-timeout", "60s", "-timeout_error", "-trace_msg", "-message_file", callee_log},
                     netlab::scratch_path("callee.out"));
  // The callee binds before the INVITE can arrive (SIPp would retransmit it anyway).
  auto callee_listening = [&] {
    bool taken = false;
    topology.callee().run_inside([&] { taken = udp_port_taken({kCalleeSip, kSipPort}); });
    return taken;
  };
  for (int i = 0; i < 100 && !callee_listening(); ++i) std::this_thread::sleep_for(50ms);
  test::Child caller({"ip", "netns", "exec", topology.caller().name(), "sipp",
                      Endpoint{kCalleeSip, kSipPort}.to_string(), "-sf", caller_xml, "-i", kCallerSip.to_string(),
                      "-p", sip, "-rsa", Endpoint{kProxyCallerSide, kSipPort}.to_string(),
                      "-mi", kCallerSide.host_address.to_string(), "-m", "1", "-nostdin", "-timeout", "60s", "-timeout_error",
                      "-trace_msg", "-message_file", caller_log},
                     netlab::scratch_path("caller.out"));

  // While the call lasts, the relay's own counters must show RTP from both legs.
  ngclient::Client ng(relay.ng(), {});
  std::map<std::string, int64_t> packets;
  auto both_legs = [&] {
    return packets.size() == 2 && std::all_of(packets.begin(), packets.end(), [](auto& p) { return p.second > 0; });
  };
  while (!both_legs() && !caller.wait_exit(200ms)) {
    auto list = ng.request(bencode::Value::dict().set("command", "list"));
    auto calls = list.body.get_string_list("calls");
    if (!calls || calls->empty()) continue;
    auto query = ng.request(bencode::Value::dict().set("command", "query").set("call-id", std::string((*calls)[0])));
    if (query.ok()) packets = rtp_packets_per_tag(query.body);
  }
  const std::string diagnostics = "\n---- caller ----\n" + caller.output() + "\n---- callee ----\n" + callee.output() +
                                  "\n---- kamailio ----\n" + kamailio.output() + "\n---- relay ----\n" + relay.output();
  for (const auto& [tag, count] : packets) RecordProperty("rtp_packets_from_" + tag, std::to_string(count));
  EXPECT_TRUE(both_legs()) << "RTP counted per leg: " << packets.size() << " legs" << diagnostics;

  EXPECT_EQ(caller.wait_exit(60s), 0) << "the caller's call did not complete" << diagnostics;
  EXPECT_EQ(callee.wait_exit(10s), 0) << diagnostics;
  auto callee_saw = received_sdp_endpoint(callee_log);
  auto caller_saw = received_sdp_endpoint(caller_log);
  ASSERT_TRUE(callee_saw && caller_saw) << diagnostics;
  EXPECT_EQ(callee_saw->address, kCalleeSide.relay_address) << "the INVITE's SDP must point the callee at the relay";
  EXPECT_EQ(caller_saw->address, kCallerSide.relay_address) << "the 200's SDP must point the caller at the relay";
  for (auto port : {callee_saw->port, caller_saw->port}) {
    EXPECT_TRUE(port >= relay.port_min() && port <= relay.port_max()) << port;
  }
}

INSTANTIATE_TEST_SUITE_P(Relays, Kamailio,
                         testing::Values(KamailioRelay{"rtp_relay", rtp_relay_on_af_packet},
                                         KamailioRelay{"rtpengine_reference", rtpengine_on_kernel}),
                         RelayKindName());

}  // namespace
}  // namespace rr::interop
