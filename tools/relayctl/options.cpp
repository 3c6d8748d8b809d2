#include "tools/relayctl/options.hpp"

#include <boost/program_options.hpp>

#include <sstream>

namespace rr::relayctl {

namespace po = boost::program_options;

ParsedOptions parse_options(int argc, const char* const* argv) {
  ParsedOptions parsed;
  Options& o = parsed.options;
  std::string server = o.server.to_string();
  po::options_description visible(
      "usage: relayctl [options] ping|list|query CALL-ID|delete CALL-ID [FROM-TAG]|statistics|top\n"
      "options");
  visible.add_options()
      ("help,h", "this text")
      ("server,s", po::value(&server), "ng address of the relay (default 127.0.0.1:2223)")
      ("timeout,t", po::value(&o.timeout_s), "seconds to wait for each attempt (default 1)")
      ("attempts,a", po::value(&o.attempts), "attempts with the same cookie (default 3)")
      ("json,j", po::bool_switch(&o.json), "print the raw reply as JSON")
      ("count,n", po::value(&o.count), "top: number of refreshes, then exit (default: forever)")
      ("rows,r", po::value(&o.rows), "top: rows in each table (default 10)");
  po::options_description hidden;
  hidden.add_options()("words", po::value<std::vector<std::string>>());
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("words", -1);
  std::ostringstream usage;
  usage << visible;
  parsed.usage = usage.str();

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    parsed.error = e.what();
    return parsed;
  }
  parsed.help = vm.count("help") > 0;
  if (std::optional<Endpoint> ep = Endpoint::parse(server); ep && ep->port != 0) {
    o.server = *ep;
  } else {
    parsed.error = "--server: expected ADDR:PORT, got \"" + server + "\"";
    return parsed;
  }
  if (!(o.timeout_s > 0 && o.timeout_s <= 60)) parsed.error = "--timeout: must be in (0, 60]";
  if (o.attempts < 1 || o.attempts > 20) parsed.error = "--attempts: must be 1..20";
  if (o.count < 0 || o.rows < 1) parsed.error = "--count and --rows: must not be negative";
  if (vm.count("words")) {
    auto words = vm["words"].as<std::vector<std::string>>();
    o.command = words.front();
    o.args.assign(words.begin() + 1, words.end());
  }
  if (o.command.empty() && !parsed.help && parsed.error.empty()) parsed.error = "missing command";
  return parsed;
}

}  // namespace rr::relayctl
