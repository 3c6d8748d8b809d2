#include <gtest/gtest.h>

#include <vector>

#include "tools/pcapgen/stream_list.hpp"
#include "tools/pcapgen/streams_source.hpp"

namespace rr::pcapgen {
namespace {

TEST(StreamList, ParsesLinesOrNamesTheFirstBadOne) {
  struct Row {
    const char* name;
    const char* text;
    size_t streams;
    const char* error;
  };
  const std::vector<Row> rows = {
      {"two streams", "10.0.0.2:4000 192.0.2.1:10000\n10.0.0.2:4000\t192.0.2.1:10002\n", 2, ""},
      {"comments, blanks, CRLF", "# caller relay\n\n10.0.0.2:4000 192.0.2.1:10000 # one\r\n", 1, ""},
      {"ipv6", "[2001:db8::2]:4000 [2001:db8::1]:10000", 1, ""},
      {"empty", "", 0, ""},
      {"one field", "10.0.0.2:4000\n", 0, "line 1: expected '<caller> <relay>'"},
      {"bad caller", "ok 10.0.0.2:4000 192.0.2.1:1", 0, "line 1: bad caller endpoint 'ok'"},
      {"bad relay", "10.0.0.2:4000 192.0.2.1:10000\n10.0.0.2:4000 192.0.2.1\n", 0,
       "line 2: bad relay endpoint '192.0.2.1'"},
      {"families", "10.0.0.2:4000 [::1]:10000", 0, "line 1: caller and relay of different families"},
      {"port 0", "10.0.0.2:0 192.0.2.1:10000", 0, "line 1: port 0"},
  };
  for (const Row& row : rows) {
    StreamList list = parse_stream_list(row.text);
    EXPECT_EQ(list.error, row.error) << row.name;
    EXPECT_EQ(list.streams.size(), row.streams) << row.name;
  }
}

TEST(StreamList, FormatParsesBackToTheSameStreams) {
  const auto streams = synthetic_streams(5, *Endpoint::parse("10.0.0.2:4000"), *Endpoint::parse("192.0.2.1:10000"));
  StreamList list = parse_stream_list(format_stream_list(streams));
  ASSERT_EQ(list.error, "");
  ASSERT_EQ(list.streams.size(), streams.size());
  for (size_t i = 0; i < streams.size(); ++i) {
    EXPECT_EQ(list.streams[i].caller, streams[i].caller);
    EXPECT_EQ(list.streams[i].relay, streams[i].relay);
    EXPECT_EQ(list.streams[i].ssrc, streams[i].ssrc);
  }
}

}  // namespace
}  // namespace rr::pcapgen
