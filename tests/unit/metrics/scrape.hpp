// Text exposition of collectors, parsed back into "name{labels}" -> value for assertions.
#pragma once

#include <gtest/gtest.h>
#include <prometheus/collectable.h>
#include <prometheus/text_serializer.h>

#include <map>
#include <span>
#include <sstream>
#include <string>

namespace rr::metrics::testing_support {

inline std::string expose(const prometheus::Collectable& collectable) {
  std::ostringstream out;
  prometheus::TextSerializer().Serialize(out, collectable.Collect());
  return out.str();
}

// Sample lines only ("# HELP"/"# TYPE" skipped); the key is the line up to the last space.
inline std::map<std::string, double> parse_exposition(const std::string& text) {
  std::map<std::string, double> samples;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto space = line.rfind(' ');
    samples[line.substr(0, space)] = std::stod(line.substr(space + 1));
  }
  return samples;
}

inline std::map<std::string, double> scrape(const prometheus::Collectable& collectable) {
  return parse_exposition(expose(collectable));
}

// One row of a table-driven check: the exact series text and its value.
struct ExpectedSample {
  const char* series;
  double value;
};

inline void expect_samples(const std::map<std::string, double>& samples,
                           std::span<const ExpectedSample> rows) {
  for (const auto& row : rows) {
    SCOPED_TRACE(row.series);
    ASSERT_TRUE(samples.contains(row.series));
    EXPECT_EQ(samples.at(row.series), row.value);
  }
}

}  // namespace rr::metrics::testing_support
