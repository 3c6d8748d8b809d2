#include "tools/rtpgen/options.hpp"

#include <boost/program_options.hpp>

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
  return {};
}

}  // namespace

ParsedOptions parse_options(int argc, const char* const* argv) {
  ParsedOptions parsed;
  Options& o = parsed.options;
  std::string mode = "loop", local = o.local.to_string();
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
       "allow destinations outside loopback and private network namespaces");
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
  if (!endpoint_option(vm, "dest", o.destination, parsed.error) ||
      !endpoint_option(vm, "listen", o.listen, parsed.error) ||
      !endpoint_option(vm, "ng", o.ng, parsed.error)) {
    return parsed;
  }
  parsed.error = check(o, mode);
  return parsed;
}

}  // namespace rr::rtpgen
