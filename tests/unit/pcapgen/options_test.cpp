#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tools/pcapgen/options.hpp"

namespace rr::pcapgen {
namespace {

std::variant<Options, Usage> parse(std::vector<const char*> args) {
  args.insert(args.begin(), "pcapgen");
  return parse_options(static_cast<int>(args.size()), args.data());
}

TEST(Options, AcceptsEachModeAndRejectsMistakesByName) {
  struct Row {
    const char* name;
    std::vector<const char*> args;
    std::string error;  // empty: parses
  };
  const std::vector<Row> rows = {
      {"ng", {"-o", "x", "--ng", "127.0.0.1:2223", "-n", "2", "--caller", "10.0.0.2:4", "--callee", "10.0.1.2:5"}, ""},
      {"synthetic", {"-o", "x", "-n", "2", "--caller", "10.0.0.2:4", "--relay", "192.0.2.1:10000"}, ""},
      {"file", {"-o", "x", "--streams-file", "s.txt", "--rounds", "5"}, ""},
      {"neighbour", {"-o", "x", "--streams-file", "s", "--neighbour", "02:00:00:00:00:05=10.0.1.2"}, ""},
      {"no out", {"--streams-file", "s"}, "the option '--out' is required but missing"},
      {"no mode", {"-o", "x"}, "give exactly one of --ng, --relay, --streams-file"},
      {"two modes", {"-o", "x", "--streams-file", "s", "--relay", "1.2.3.4:5", "--caller", "1.2.3.5:6"},
       "give exactly one of --ng, --relay, --streams-file"},
      {"ng without callee", {"-o", "x", "--ng", "127.0.0.1:2223", "-n", "1", "--caller", "10.0.0.2:4"},
       "--ng needs --caller and --callee"},
      {"zero streams", {"-o", "x", "--caller", "10.0.0.2:4", "--relay", "192.0.2.1:1"}, "--streams must be at least 1"},
      {"zero rounds", {"-o", "x", "--streams-file", "s", "-r", "0"}, "--rounds must be at least 1"},
      {"bad endpoint", {"-o", "x", "--ng", "localhost", "-n", "1"}, "--ng: bad endpoint 'localhost'"},
      {"bad mac", {"-o", "x", "--streams-file", "s", "--relay-mac", "02:00"}, "--relay-mac: bad MAC '02:00'"},
      {"bad neighbour", {"-o", "x", "--streams-file", "s", "--neighbour", "02:00:00:00:00:05=::1"},
       "--neighbour: expected MAC=IPV4, got '02:00:00:00:00:05=::1'"},
      {"srtp callee", {"-o", "x", "--ng", "127.0.0.1:2223", "-n", "1", "--caller", "10.0.0.2:4", "--callee",
                       "10.0.1.2:5", "--direction", "a,b", "--srtp-callee", "AEAD_AES_128_GCM", "--sequence-step", "16384"},
       ""},
      {"unknown suite", {"-o", "x", "--ng", "127.0.0.1:2223", "-n", "1", "--caller", "10.0.0.2:4", "--callee",
                         "10.0.1.2:5", "--srtp-callee", "F8_128_HMAC_SHA1_80"},
       "--srtp-callee: unknown suite 'F8_128_HMAC_SHA1_80'"},
      {"srtp without ng", {"-o", "x", "--streams-file", "s", "--srtp-callee", "AES_CM_128_HMAC_SHA1_80"},
       "--direction and --srtp-callee need --ng"},
      {"one direction", {"-o", "x", "--ng", "127.0.0.1:2223", "-n", "1", "--caller", "10.0.0.2:4", "--callee",
                         "10.0.1.2:5", "--direction", "a"},
       "--direction: expected CALLER,CALLEE"},
      {"zero step", {"-o", "x", "--streams-file", "s", "--sequence-step", "0"}, "--sequence-step must be at least 1"},
      {"loop sequence", {"-o", "x", "--streams-file", "s", "-r", "23", "--loop-sequence"}, ""},
      {"loop too short", {"-o", "x", "--streams-file", "s", "-r", "22", "--loop-sequence"},
       "--loop-sequence needs --rounds of at least 23"},
      {"loop and step", {"-o", "x", "--streams-file", "s", "-r", "32", "--loop-sequence", "--sequence-step", "2048"},
       "give one of --sequence-step, --loop-sequence"},
  };
  for (const Row& row : rows) {
    auto parsed = parse(row.args);
    if (row.error.empty()) {
      EXPECT_TRUE(std::holds_alternative<Options>(parsed)) << row.name << ": " << std::get<Usage>(parsed).message;
    } else {
      ASSERT_TRUE(std::holds_alternative<Usage>(parsed)) << row.name;
      EXPECT_EQ(std::get<Usage>(parsed).message, row.error) << row.name;
      EXPECT_EQ(std::get<Usage>(parsed).code, 2) << row.name;
    }
  }
}

TEST(Options, KeepsMacsAndNeighbours) {
  auto parsed = parse({"-o", "x", "--streams-file", "s", "--relay-mac", "02:70:63:61:70:00", "--neighbour",
                       "02:00:00:00:00:05=10.0.1.2"});
  ASSERT_TRUE(std::holds_alternative<Options>(parsed));
  const Options& o = std::get<Options>(parsed);
  EXPECT_EQ(o.relay_mac.to_string(), "02:70:63:61:70:00");
  ASSERT_EQ(o.neighbours.size(), 1u);
  EXPECT_EQ(o.neighbours[0].second, IpAddress::v4(10, 0, 1, 2));
}

}  // namespace
}  // namespace rr::pcapgen
