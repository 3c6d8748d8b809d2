#include "tools/rtpgen/report.hpp"

#include <gtest/gtest.h>

#include <array>
#include <sstream>

namespace rr::rtpgen {
namespace {

// A sink fed crafted datagrams: stream 0 gets sequence 1, 2 and 4 (one lost), stream 1
// one duplicate, plus one foreign datagram.
struct FedSink {
  Sink sink{2, 2};
  FedSink() {
    const struct {
      uint32_t stream;
      uint16_t sequence;
    } rows[] = {{0, 1}, {0, 2}, {0, 4}, {1, 7}, {1, 7}};
    uint64_t now = 1'000'000'000;
    for (const auto& row : rows) {
      now += 20'000'000;
      std::array<uint8_t, kPacketSize> bytes{};
      write_packet({row.sequence, row.sequence * 160u, 5, false, row.stream, now - 2'000'000}, bytes);
      sink.on_datagram(bytes, now);
    }
    const uint8_t junk[] = {1, 2, 3};
    sink.on_datagram(junk, now);
  }
};

TEST(Report, SinkOnlyTableAndJson) {
  FedSink fed;
  std::vector<Direction> directions = {{"sink", nullptr, &fed.sink}};
  StreamSummary total = summarize_total(directions[0]);
  EXPECT_EQ(total.received, 4u);
  EXPECT_EQ(total.lost, 1u);
  EXPECT_EQ(total.duplicates, 1u);
  EXPECT_FALSE(total.has_sent);
  EXPECT_TRUE(total.has_latency);
  EXPECT_GE(total.p50_ns, 2'000'000u);  // every probe was sent 2 ms before it arrived
  EXPECT_LE(total.p50_ns, 2'125'000u);

  std::ostringstream table, json;
  print_report(directions, 10, table);
  write_json(directions, json);
  EXPECT_NE(table.str().find("total                 -          4        1      1"), std::string::npos)
      << table.str();
  EXPECT_NE(table.str().find("ignored datagrams (not rtpgen probes): 1"), std::string::npos);
  EXPECT_NE(json.str().find("\"total\":{\"received\":4,\"lost\":1,\"duplicates\":1"), std::string::npos)
      << json.str();
  EXPECT_NE(json.str().find("\"too_short\":1"), std::string::npos);
  EXPECT_EQ(json.str().find("\"sent\""), std::string::npos);  // unknown, so absent
}

}  // namespace
}  // namespace rr::rtpgen
