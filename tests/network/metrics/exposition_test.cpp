// The test's own reading of the Prometheus text format, table-driven: a wrong parser would
// make every metrics assertion in this folder meaningless.
#include "tests/network/metrics/exposition.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace rr::netlab {
namespace {

struct LineRow {
  const char* name;
  const char* line;
  std::optional<MetricSample> expected;
};

const LineRow kLines[] = {
    {"bare", "rtp_relay_calls 3", MetricSample{"rtp_relay_calls", {}, 3}},
    {"labels", R"(rtp_relay_ports{interface="all",state="free"} 12)",
     MetricSample{"rtp_relay_ports", {{"interface", "all"}, {"state", "free"}}, 12}},
    {"trailing comma and timestamp", R"(x{a="1",} 0.25 1700000000000)", MetricSample{"x", {{"a", "1"}}, 0.25}},
    {"escapes in a value", R"(x{call_id="a\"b\\c\nd"} 1)", MetricSample{"x", {{"call_id", "a\"b\\c\nd"}}, 1}},
    {"exponent", "x 1.5e-05", MetricSample{"x", {}, 1.5e-05}},
    {"no value", "rtp_relay_calls", std::nullopt},
    {"unterminated labels", R"(x{a="1" 3)", std::nullopt},
    {"unterminated quote", R"(x{a="1} 3)", std::nullopt},
    {"duplicate label", R"(x{a="1",a="2"} 3)", std::nullopt},
    {"value not a number", "x 3x", std::nullopt},
    {"name starts with a digit", "1x 3", std::nullopt},
};

TEST(NetworkMetricsExposition, ParsesSampleLines) {
  for (const auto& row : kLines) {
    SCOPED_TRACE(row.name);
    const auto got = parse_sample_line(row.line);
    ASSERT_EQ(got.has_value(), row.expected.has_value());
    if (!got) continue;
    EXPECT_EQ(got->name, row.expected->name);
    EXPECT_EQ(got->labels, row.expected->labels);
    EXPECT_EQ(got->value, row.expected->value);
  }
}

TEST(NetworkMetricsExposition, InfinityAndQueries) {
  const auto e = Exposition::parse(
      "# HELP x a help line\n# TYPE x gauge\n"
      "x{le=\"+Inf\"} +Inf\r\n"
      "p{state=\"free\",interface=\"a\"} 2\np{state=\"free\",interface=\"b\"} 3\n"
      "garbage here\n\n");
  EXPECT_EQ(e.malformed_lines(), 1u);
  ASSERT_TRUE(e.value("x"));
  EXPECT_TRUE(std::isinf(*e.value("x")));
  EXPECT_EQ(e.value("p", {{"state", "free"}}), std::nullopt) << "two series match: ambiguous";
  EXPECT_EQ(e.value("p", {{"interface", "b"}}), 3.0);
  EXPECT_EQ(e.sum("p", {{"state", "free"}}), 5.0);
  EXPECT_EQ(e.series_count("p"), 2u);
  EXPECT_EQ(e.value("missing"), std::nullopt);
}

TEST(NetworkMetricsExposition, FindsTheMetricsEndpointInTheDaemonLog) {
  EXPECT_EQ(metrics_endpoint_in_log("[info] metrics on http://127.0.0.1:39123/metrics\n"),
            Endpoint::parse("127.0.0.1:39123"));
  EXPECT_EQ(metrics_endpoint_in_log("[info] ng on 127.0.0.1:2223\n"), std::nullopt);
}

}  // namespace
}  // namespace rr::netlab
