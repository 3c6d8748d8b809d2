#include "tools/pcapgen/options.hpp"

#include "tools/pcapgen/capture.hpp"

#include <boost/program_options.hpp>

#include <cstdio>
#include <sstream>
#include <string>
#include <tuple>

namespace rr::pcapgen {

namespace po = boost::program_options;

namespace {

std::optional<packet::MacAddress> parse_mac(const std::string& text) {
  packet::MacAddress mac;
  unsigned b[6];
  char tail;
  if (std::sscanf(text.c_str(), "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5], &tail) != 6) {
    return std::nullopt;
  }
  for (int i = 0; i < 6; ++i) mac.bytes[i] = static_cast<uint8_t>(b[i]);
  return mac;
}

}  // namespace

std::variant<Options, Usage> parse_options(int argc, const char* const argv[]) {
  po::options_description desc(
      "pcapgen: write a pcap of N concurrent G.711 RTP streams arriving at a relay\n"
      "  pcapgen --out f.pcap --ng 127.0.0.1:2223 --streams 1000 --caller 10.0.0.2:4000 --callee 10.0.1.2:5000\n"
      "  pcapgen --out f.pcap --streams-file streams.txt --rounds 50\n"
      "  pcapgen --out f.pcap --streams 10 --caller 10.0.0.2:4000 --relay 192.0.2.1:10000\nOptions");
  std::string ng, caller, callee, relay, caller_mac, relay_mac, direction, srtp_suite;
  std::vector<std::string> neighbours;
  Options o;
  desc.add_options()
    ("help,h", "print this help")
    ("out,o", po::value(&o.out)->required(), "pcap file to write")
    ("rounds,r", po::value(&o.rounds)->default_value(1), "packets per stream (20 ms apart)")
    ("streams,n", po::value(&o.streams), "number of streams (calls) for --ng and --relay")
    ("ng", po::value(&ng), "set up the calls over ng on this relay (left in place)")
    ("caller", po::value(&caller), "caller endpoint: offer SDP and source of every packet")
    ("callee", po::value(&callee), "callee endpoint: answer SDP, where the relay forwards")
    ("relay", po::value(&relay), "without ng: stream i is sent to this address, port + 2 i")
    ("per-address", po::value(&o.per_address), "with --relay: streams per address, then address + 1")
    ("streams-file", po::value(&o.streams_file), "without ng: '<caller> <relay>' per line")
    ("save-streams", po::value(&o.save_streams), "write the stream list to this file")
    ("call-prefix", po::value(&o.call_prefix)->default_value(o.call_prefix), "call-id prefix")
    ("sequence-step", po::value(&o.sequence_step)->default_value(1),
     "RTP sequence advance per round; rounds x step = 65536 makes a looping replay SRTP-safe")
    ("loop-sequence", po::bool_switch(&o.loop_sequence),
     "sequence offsets 0, 1, then even steps closing at 65536: a looping replay continues every "
     "stream in sequence, SRTP-safe, out of RTP statistics' probation (--rounds >= 23)")
    ("direction", po::value(&direction), "--ng: interface names CALLER,CALLEE for the offer's direction")
    ("srtp-callee", po::value(&srtp_suite), "--ng: the callee leg speaks SRTP with this suite (SDES)")
    ("caller-mac", po::value(&caller_mac), "source MAC of RTP frames (02:00:00:00:0a:01)")
    ("relay-mac", po::value(&relay_mac), "destination MAC of every frame (02:00:00:00:0a:02)")
    ("neighbour", po::value(&neighbours), "MAC=IPV4: start with an ARP reply from this host");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, desc), vm);
    if (vm.count("help")) {
      std::ostringstream text;
      text << desc;
      return Usage{0, text.str()};
    }
    po::notify(vm);
  } catch (const po::error& e) {
    return Usage{2, e.what()};
  }
  const auto endpoint = [](const std::string& key, const std::string& text, std::optional<Endpoint>& out) {
    if (text.empty()) return std::string{};
    out = Endpoint::parse(text);
    return out ? std::string{} : "--" + key + ": bad endpoint '" + text + "'";
  };
  for (auto [key, text, out] : {std::tuple{"ng", &ng, &o.ng}, {"caller", &caller, &o.caller},
                                {"callee", &callee, &o.callee}, {"relay", &relay, &o.relay}}) {
    if (auto error = endpoint(key, *text, *out); !error.empty()) return Usage{2, error};
  }
  for (auto [key, text, out] : {std::tuple{"caller-mac", &caller_mac, &o.caller_mac},
                                {"relay-mac", &relay_mac, &o.relay_mac}}) {
    if (text->empty()) continue;
    auto mac = parse_mac(*text);
    if (!mac) return Usage{2, std::string("--") + key + ": bad MAC '" + *text + "'"};
    *out = *mac;
  }
  for (const std::string& n : neighbours) {
    const auto eq = n.find('=');
    auto mac = parse_mac(n.substr(0, eq));
    auto ip = eq == std::string::npos ? std::nullopt : IpAddress::parse(n.substr(eq + 1));
    if (!mac || !ip || !ip->is_v4()) return Usage{2, "--neighbour: expected MAC=IPV4, got '" + n + "'"};
    o.neighbours.emplace_back(*mac, *ip);
  }
  const int sources = (o.ng ? 1 : 0) + (o.relay ? 1 : 0) + (o.streams_file.empty() ? 0 : 1);
  if (sources != 1) return Usage{2, "give exactly one of --ng, --relay, --streams-file"};
  if (o.ng && (!o.caller || !o.callee)) return Usage{2, "--ng needs --caller and --callee"};
  if (o.relay && !o.caller) return Usage{2, "--relay needs --caller"};
  if (o.streams_file.empty() && o.streams == 0) return Usage{2, "--streams must be at least 1"};
  if (o.rounds == 0) return Usage{2, "--rounds must be at least 1"};
  if (o.sequence_step == 0) return Usage{2, "--sequence-step must be at least 1"};
  if (o.loop_sequence && o.sequence_step != 1) return Usage{2, "give one of --sequence-step, --loop-sequence"};
  if (o.loop_sequence && o.rounds < kMinLoopRounds)
    return Usage{2, "--loop-sequence needs --rounds of at least " + std::to_string(kMinLoopRounds)};
  if (!direction.empty()) {
    const size_t comma = direction.find(',');
    if (comma == std::string::npos) return Usage{2, "--direction: expected CALLER,CALLEE"};
    o.direction = {direction.substr(0, comma), direction.substr(comma + 1)};
  }
  if (!srtp_suite.empty()) {
    const srtp::SuiteInfo* suite = srtp::find_suite(srtp_suite);
    if (suite == nullptr) return Usage{2, "--srtp-callee: unknown suite '" + srtp_suite + "'"};
    o.srtp = {rtpgen::SrtpLeg::b, suite->suite};
  }
  if ((!o.direction.empty() || o.srtp.leg != rtpgen::SrtpLeg::none) && !o.ng) {
    return Usage{2, "--direction and --srtp-callee need --ng"};
  }
  return o;
}

}  // namespace rr::pcapgen
