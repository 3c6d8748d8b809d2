#include "tools/ngbench/report.hpp"

#include <cstdio>
#include <ostream>

namespace rr::ngbench {

namespace {
double ms(uint64_t ns) { return static_cast<double>(ns) / 1e6; }
}  // namespace

void print_markdown(const RunInfo& info, const PipelineResult& r, std::ostream& out) {
  char line[256];
  std::snprintf(line, sizeof line,
                "ng server %s, %u outstanding, %.1f s: **%.0f offer+answer+delete cycles/s** (%llu cycles)\n\n",
                info.server.c_str(), info.outstanding, r.elapsed_s, r.cycles_per_second(),
                static_cast<unsigned long long>(r.cycles));
  out << line;
  out << "| command | replies | p50 ms | p99 ms | max ms | errors | timeouts | retransmits |\n"
         "|---|---:|---:|---:|---:|---:|---:|---:|\n";
  for (size_t i = 0; i < r.stages.size(); ++i) {
    const StageResult& s = r.stages[i];
    std::snprintf(line, sizeof line, "| %s | %llu | %.3f | %.3f | %.3f | %llu | %llu | %llu |\n",
                  kStageNames[i], static_cast<unsigned long long>(s.rtt.count()), ms(s.rtt.percentile(0.5)),
                  ms(s.rtt.percentile(0.99)), ms(s.rtt.max()), static_cast<unsigned long long>(s.errors),
                  static_cast<unsigned long long>(s.timeouts), static_cast<unsigned long long>(s.retransmits));
    out << line;
  }
  for (size_t i = 0; i < r.stages.size(); ++i) {
    if (!r.stages[i].first_error.empty()) {
      out << "\nfirst " << kStageNames[i] << " error: " << r.stages[i].first_error << '\n';
    }
  }
}

void write_json(const RunInfo& info, const PipelineResult& r, std::ostream& out) {
  char text[256];
  std::snprintf(text, sizeof text,
                "{\"server\":\"%s\",\"outstanding\":%u,\"elapsed_s\":%.3f,\"cycles\":%llu,"
                "\"cycles_per_second\":%.1f,\"stray_replies\":%llu,\"commands\":{",
                info.server.c_str(), info.outstanding, r.elapsed_s, static_cast<unsigned long long>(r.cycles),
                r.cycles_per_second(), static_cast<unsigned long long>(r.stray_replies));
  out << text;
  for (size_t i = 0; i < r.stages.size(); ++i) {
    const StageResult& s = r.stages[i];
    std::snprintf(text, sizeof text,
                  "%s\"%s\":{\"replies\":%llu,\"p50_ms\":%.4f,\"p99_ms\":%.4f,\"max_ms\":%.4f,"
                  "\"errors\":%llu,\"timeouts\":%llu,\"retransmits\":%llu}",
                  i ? "," : "", kStageNames[i], static_cast<unsigned long long>(s.rtt.count()),
                  ms(s.rtt.percentile(0.5)), ms(s.rtt.percentile(0.99)), ms(s.rtt.max()),
                  static_cast<unsigned long long>(s.errors), static_cast<unsigned long long>(s.timeouts),
                  static_cast<unsigned long long>(s.retransmits));
    out << text;
  }
  out << "}}\n";
}

}  // namespace rr::ngbench
