// The stream list file: one stream per line, "<caller endpoint> <relay endpoint>", '#'
// comments. It is what `pcapgen --ng` learnt from the relay, saved so that a capture can be
// rebuilt (more rounds, other MACs) without setting the calls up again.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tools/pcapgen/capture.hpp"

namespace rr::pcapgen {

struct StreamList {
  std::vector<RtpStream> streams;  // SSRC/sequence/timestamp from make_stream(line index)
  std::string error;               // "line N: why"; empty when the whole text parsed
};

StreamList parse_stream_list(std::string_view text);
std::string format_stream_list(const std::vector<RtpStream>& streams);

}  // namespace rr::pcapgen
