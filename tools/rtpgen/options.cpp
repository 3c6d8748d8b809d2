#include "tools/rtpgen/options.hpp"

#include <boost/program_options.hpp>

#include <charconv>
#include <cmath>
#include <sstream>

namespace rr::rtpgen {

namespace po = boost::program_options;

uint64_t Options::packet_limit() const {
  auto by_time = static_cast<uint64_t>(std::llround(rate() * duration_s));
  return packets == 0 ? by_time : std::min(packets, by_time);
}

namespace {

// An ADDR:PORT option, or an error naming it.
bool endpoint_option(const po::variables_map& vm, const char* key, std::optional<Endpoint>& out,
                     std::string& error) {
  if (!vm.count(key)) return true;
  const std::string& text = vm[key].as<std::string>();
  out = Endpoint::parse(text);
  if (!out) error = std::string("--") + key + ": expected ADDR:PORT, got \"" + text + "\"";
  return out.has_value();
}

// "a,b" → {"a", "b"}.
std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t comma; (comma = text.find(',', start)) != std::string::npos; start = comma + 1) {
    parts.push_back(text.substr(start, comma - start));
  }
  parts.push_back(text.substr(start));
  return parts;
}

bool mac_option(const po::variables_map& vm, const char* key, packet::MacAddress& out, std::string& error) {
  if (!vm.count(key)) return true;
  const std::string& text = vm[key].as<std::string>();
  std::optional<packet::MacAddress> mac = parse_mac(text);
  if (!mac) error = std::string("--") + key + ": expected a MAC like 02:00:00:00:00:01, got \"" + text + "\"";
  if (mac) out = *mac;
  return mac.has_value();
}

std::string check_dpdk(const Options& o) {
  if (o.transport != Transport::dpdk) return {};
  if (o.mode != Mode::loop && o.mode != Mode::relay) return "--transport dpdk: only loop and relay modes";
  if (o.dpdk_a.empty() || o.dpdk_b.empty()) return "--transport dpdk needs --dpdk-a and --dpdk-b";
  if (o.peer_mac_a == packet::MacAddress{} || o.peer_mac_b == packet::MacAddress{}) {
    return "--transport dpdk needs --peer-mac-a and --peer-mac-b (static next hops)";
  }
  if (o.local.is_v4() != o.address_b().is_v4()) return "--local and --local-b: one address family";
  return {};
}

std::string check(const Options& o, const std::string& mode) {
  if (o.streams < 1 || o.streams > 100000) return "--streams: must be 1..100000";
  if (o.rate_pps < 0 || o.rate_pps > 10e6) return "--rate: must be 0..10000000";
  if (!(o.duration_s > 0) || o.duration_s > 86400) return "--duration: must be in (0, 86400]";
  if (o.drain_s < 0 || o.drain_s > 60) return "--drain: must be 0..60";
  if (o.mode == Mode::send && !o.destination) return "--mode send needs --dest";
  if (o.mode == Mode::sink && !o.listen) return "--mode sink needs --listen";
  if (o.mode == Mode::relay && !o.ng) return "--mode relay needs --ng";
  if (mode != "loop" && mode != "send" && mode != "sink" && mode != "relay") {
    return "--mode: one of loop, send, sink, relay";
  }
  if (!o.ng_direction.empty() && o.ng_direction.size() != 2) return "--ng-direction: two names, A,B";
  if (o.srtp.leg != SrtpLeg::none && o.mode != Mode::relay) return "--srtp: only in relay mode (the relay has the keys)";
  return check_dpdk(o);
}

}  // namespace

ParsedOptions parse_options(int argc, const char* const* argv) {
  ParsedOptions parsed;
  Options& o = parsed.options;
  std::string mode = "loop", local = o.local.to_string(), local_b, direction, transport = "socket";
  std::string srtp_leg = "none", srtp_suite(srtp::info(o.srtp.suite).sdes_name);
  po::options_description desc(
      "usage: rtpgen [options]\n"
      "  loop:  two sockets on --local send to each other (no relay)\n"
      "  send:  send to --dest;  sink: receive on --listen for --duration\n"
      "  relay: set up calls over ng (--ng), stream A->relay->B and B->relay->A, delete them\n"
      "options");
  desc.add_options()
      ("help,h", "this text")
      ("mode,m", po::value(&mode), "loop | send | sink | relay (default loop)")
      ("streams,n", po::value(&o.streams), "streams (calls in relay mode), 1..100000 (default 1)")
      ("rate,r", po::value(&o.rate_pps), "aggregate packets/s per direction (default 50 per stream)")
      ("duration,d", po::value(&o.duration_s), "seconds of sending (default 10)")
      ("packets,p", po::value(&o.packets), "packets per direction, if fewer than rate x duration")
      ("drain", po::value(&o.drain_s), "seconds to keep receiving after the last send (default 0.5)")
      ("local,l", po::value(&local), "address of the generator's sockets (default 127.0.0.1)")
      ("dest", po::value<std::string>(), "send: destination ADDR:PORT")
      ("listen", po::value<std::string>(), "sink: ADDR:PORT to receive on")
      ("ng", po::value<std::string>(), "relay: the relay's ng ADDR:PORT")
      ("ng-timeout", po::value(&o.ng_timeout_s), "relay: seconds per ng attempt (default 1)")
      ("ng-attempts", po::value(&o.ng_attempts), "relay: ng attempts (default 3)")
      ("json", po::value(&o.json_file), "also write the report as JSON to this file")
      ("rows", po::value(&o.rows), "per-stream lines in the table (default 10)")
      ("latency-streams", po::value(&o.latency_streams),
       "streams with their own latency histogram (default 1000; totals cover all)")
      ("allow-any-destination", po::bool_switch(&o.allow_any_destination),
       "allow destinations outside loopback and private network namespaces")
      ("local-b", po::value(&local_b), "loop/relay: callee B's address (default --local)")
      ("netns-a", po::value(&o.netns_a), "loop/relay: caller A's network namespace (ip netns name)")
      ("netns-b", po::value(&o.netns_b), "loop/relay: callee B's network namespace")
      ("ng-direction", po::value(&direction), "relay: interface names A,B for the offer's direction")
      ("transport", po::value(&transport), "socket | dpdk (default socket)")
      ("dpdk-a", po::value(&o.dpdk_a), "dpdk: A's vdev, e.g. net_af_xdp0,iface=rrga")
      ("dpdk-b", po::value(&o.dpdk_b), "dpdk: B's vdev")
      ("peer-mac-a", po::value<std::string>(), "dpdk: MAC of A's next hop (the relay's port)")
      ("peer-mac-b", po::value<std::string>(), "dpdk: MAC of B's next hop")
      ("udp-port-a", po::value(&o.udp_port_a), "dpdk: A's UDP port (default 30000)")
      ("udp-port-b", po::value(&o.udp_port_b), "dpdk: B's UDP port (default 30002)")
      ("dpdk-core", po::value(&o.dpdk_core), "dpdk: the EAL's lcore (default: first allowed CPU)")
      ("srtp", po::value(&srtp_leg), "relay: a | b, the leg that speaks SRTP (SDES); the relay converts")
      ("srtp-suite", po::value(&srtp_suite), "relay: the SRTP leg's crypto suite (default AES_CM_128_HMAC_SHA1_80)");
  std::ostringstream usage;
  usage << desc;
  parsed.usage = usage.str();
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, desc), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    parsed.error = e.what();
    return parsed;
  }
  parsed.help = vm.count("help") > 0;
  o.mode = mode == "send" ? Mode::send : mode == "sink" ? Mode::sink : mode == "relay" ? Mode::relay : Mode::loop;
  if (std::optional<IpAddress> ip = IpAddress::parse(local)) {
    o.local = *ip;
  } else {
    parsed.error = "--local: not an IP address: \"" + local + "\"";
    return parsed;
  }
  if (!local_b.empty()) {
    o.local_b = IpAddress::parse(local_b);
    if (!o.local_b) {
      parsed.error = "--local-b: not an IP address: \"" + local_b + "\"";
      return parsed;
    }
  }
  if (!direction.empty()) o.ng_direction = split_commas(direction);
  if (transport != "socket" && transport != "dpdk") {
    parsed.error = "--transport: socket or dpdk";
    return parsed;
  }
  o.transport = transport == "dpdk" ? Transport::dpdk : Transport::socket;
  if (srtp_leg != "none" && srtp_leg != "a" && srtp_leg != "b") {
    parsed.error = "--srtp: a or b";
    return parsed;
  }
  o.srtp.leg = srtp_leg == "a" ? SrtpLeg::a : srtp_leg == "b" ? SrtpLeg::b : SrtpLeg::none;
  if (const srtp::SuiteInfo* suite = srtp::find_suite(srtp_suite)) {
    o.srtp.suite = suite->suite;
  } else {
    parsed.error = "--srtp-suite: unknown suite \"" + srtp_suite + "\"";
    return parsed;
  }
  if (!mac_option(vm, "peer-mac-a", o.peer_mac_a, parsed.error) ||
      !mac_option(vm, "peer-mac-b", o.peer_mac_b, parsed.error) ||
      !endpoint_option(vm, "dest", o.destination, parsed.error) ||
      !endpoint_option(vm, "listen", o.listen, parsed.error) ||
      !endpoint_option(vm, "ng", o.ng, parsed.error)) {
    return parsed;
  }
  parsed.error = check(o, mode);
  return parsed;
}

std::optional<packet::MacAddress> parse_mac(const std::string& text) {
  packet::MacAddress mac;
  if (text.size() != 17) return std::nullopt;
  for (size_t i = 0; i < 6; ++i) {
    if (i > 0 && text[i * 3 - 1] != ':') return std::nullopt;
    unsigned byte = 0;
    auto [end, ec] = std::from_chars(text.data() + i * 3, text.data() + i * 3 + 2, byte, 16);
    if (ec != std::errc{} || end != text.data() + i * 3 + 2) return std::nullopt;
    mac.bytes[i] = static_cast<uint8_t>(byte);
  }
  return mac;
}

}  // namespace rr::rtpgen
