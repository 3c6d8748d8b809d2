#include "tools/relayctl/run.hpp"

#include <unistd.h>

#include <cmath>
#include <ostream>

#include "control/bencode/json.hpp"
#include "tools/ngclient/client.hpp"
#include "tools/relayctl/options.hpp"
#include "tools/relayctl/print.hpp"
#include "tools/relayctl/requests.hpp"
#include "tools/relayctl/top.hpp"

namespace rr::relayctl {

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  ParsedOptions parsed = parse_options(argc, argv);
  if (parsed.help) {
    out << parsed.usage;
    return 0;
  }
  if (!parsed.error.empty()) {
    err << "relayctl: " << parsed.error << '\n' << parsed.usage;
    return 2;
  }
  const Options& o = parsed.options;
  ngclient::ClientOptions client_options;
  client_options.timeout_ms = static_cast<int>(std::lround(o.timeout_s * 1000));
  client_options.attempts = o.attempts;
  ngclient::Client client(o.server, client_options);
  if (!client.open_error().empty()) {
    err << "relayctl: " << client.open_error() << '\n';
    return 1;
  }

  if (o.command == "top") {
    TopOptions top{o.count, o.rows, 1000, !o.json && ::isatty(STDOUT_FILENO) == 1};
    return run_top(client, top, out, err);
  }
  Request request = build_request(o.command, o.args);
  if (!request.error.empty()) {
    err << "relayctl: " << request.error << '\n';
    return 2;
  }
  ngclient::Result result = client.request(request.body);
  if (!result.ok()) {
    err << "relayctl: " << o.command << ": " << result.error << '\n';
    return 1;
  }
  if (o.json) {
    out << bencode::encode_json(result.body) << '\n';
  } else {
    print_reply(o.command, o.args.empty() ? "" : o.args[0], result.body, out);
  }
  return 0;
}

}  // namespace rr::relayctl
