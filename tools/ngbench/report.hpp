// ngbench output: a markdown table for the reader and one JSON object for scripts.
#pragma once

#include <iosfwd>
#include <string>

#include "tools/ngbench/pipeline.hpp"

namespace rr::ngbench {

struct RunInfo {
  std::string server;
  uint32_t outstanding = 0;
  double duration_s = 0;
};

void print_markdown(const RunInfo& info, const PipelineResult& result, std::ostream& out);
void write_json(const RunInfo& info, const PipelineResult& result, std::ostream& out);

}  // namespace rr::ngbench
