// ngbench: offer+answer+delete cycles per second and their round trips against an ng
// server. Driven by bench/control/run.sh; see tools/ngbench/README.md.
#include <boost/program_options.hpp>

#include <cmath>
#include <fstream>
#include <iostream>

#include "tools/ngbench/pipeline.hpp"
#include "tools/ngbench/report.hpp"
#include "tools/rtpgen/destination.hpp"

namespace po = boost::program_options;

int main(int argc, char** argv) {
  std::string server = "127.0.0.1:2223", json_file;
  double duration_s = 10, timeout_s = 1;
  rr::ngbench::PipelineOptions options;
  bool allow_any = false;
  po::options_description desc("usage: ngbench [options]\noptions");
  desc.add_options()("help,h", "this text")
      ("server,s", po::value(&server), "ng ADDR:PORT (default 127.0.0.1:2223)")
      ("duration,d", po::value(&duration_s), "seconds of load (default 10)")
      ("outstanding,n", po::value(&options.outstanding), "cycles in flight (default 16)")
      ("timeout", po::value(&timeout_s), "seconds per attempt before a retransmission (default 1)")
      ("attempts", po::value(&options.attempts), "attempts per request (default 3)")
      ("json", po::value(&json_file), "also write the result as JSON to this file")
      ("allow-any-destination", po::bool_switch(&allow_any), "allow a server outside loopback");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, desc), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "ngbench: " << e.what() << '\n' << desc;
    return 2;
  }
  if (vm.count("help")) {
    std::cout << desc;
    return 0;
  }
  std::optional<rr::Endpoint> endpoint = rr::Endpoint::parse(server);
  if (!endpoint || options.outstanding < 1 || options.outstanding > 10000 || !(duration_s > 0) ||
      !(timeout_s > 0) || options.attempts < 1) {
    std::cerr << "ngbench: need --server ADDR:PORT, --outstanding 1..10000, positive --duration/--timeout\n";
    return 2;
  }
  // A benchmark floods its target: the same destination rule as rtpgen.
  rr::rtpgen::DestinationPolicy policy = rr::rtpgen::DestinationPolicy::for_this_process(allow_any);
  if (std::string refused = policy.check(*endpoint); !refused.empty()) {
    std::cerr << "ngbench: " << refused << '\n';
    return 1;
  }
  options.duration_ns = static_cast<uint64_t>(std::llround(duration_s * 1e9));
  options.timeout_ns = static_cast<uint64_t>(std::llround(timeout_s * 1e9));
  std::string error;
  rr::ngclient::UdpSocket socket = rr::ngclient::UdpSocket::connect(*endpoint, error);
  if (!socket.valid()) {
    std::cerr << "ngbench: " << error << '\n';
    return 1;
  }
  socket.set_buffer_sizes(4 << 20);
  rr::ngbench::PipelineResult result = rr::ngbench::run_pipeline(socket, options);
  rr::ngbench::RunInfo info{endpoint->to_string(), options.outstanding, duration_s};
  rr::ngbench::print_markdown(info, result, std::cout);
  if (!json_file.empty()) {
    std::ofstream json(json_file);
    rr::ngbench::write_json(info, result, json);
  }
  // No cycle at all means the server is not answering: say so through the exit code.
  return result.cycles > 0 ? 0 : 1;
}
