// pcapgen: wiring only. Options → streams (ng, list or synthetic) → pcap [→ stream list].
#include <cstdio>
#include <fstream>

#include "tools/pcapgen/capture.hpp"
#include "tools/pcapgen/options.hpp"
#include "tools/pcapgen/stream_list.hpp"
#include "tools/pcapgen/streams_source.hpp"

int main(int argc, char** argv) {
  using namespace rr::pcapgen;
  auto parsed = parse_options(argc, argv);
  if (auto* usage = std::get_if<Usage>(&parsed)) {
    std::fprintf(usage->code == 0 ? stdout : stderr, "%s%s\n", usage->code == 0 ? "" : "pcapgen: ",
                 usage->message.c_str());
    return usage->code;
  }
  const Options& o = std::get<Options>(parsed);
  StreamsOrError loaded = load_streams(o);
  if (!loaded.error.empty()) {
    std::fprintf(stderr, "pcapgen: %s\n", loaded.error.c_str());
    return 1;
  }
  std::string error;
  auto writer = PcapWriter::create(o.out, error);
  if (!writer) {
    std::fprintf(stderr, "pcapgen: %s\n", error.c_str());
    return 1;
  }
  const CaptureSpec spec{.streams = std::move(loaded.streams),
                         .rounds = o.rounds,
                         .sequence_step = o.sequence_step,
                         .loop_sequence = o.loop_sequence,
                         .link = {.caller_mac = o.caller_mac, .relay_mac = o.relay_mac},
                         .neighbours = o.neighbours};
  CaptureResult written = write_capture(*writer, spec);
  if (written.error.empty() && !writer->close()) written.error = o.out + ": write failed";
  if (!written.error.empty()) {
    std::fprintf(stderr, "pcapgen: %s\n", written.error.c_str());
    return 1;
  }
  if (!o.save_streams.empty()) {
    std::ofstream(o.save_streams) << format_stream_list(spec.streams);
  }
  std::printf("%s: %llu frames, %zu streams x %u rounds\n", o.out.c_str(),
              static_cast<unsigned long long>(written.frames), spec.streams.size(), o.rounds);
  return 0;
}
