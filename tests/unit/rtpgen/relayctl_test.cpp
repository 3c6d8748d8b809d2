// relayctl against a fake ng server: a UDP socket served by a thread that answers each
// request with a canned body under the request's cookie (or never answers).
#include <gtest/gtest.h>

#include <sstream>
#include <vector>

#include "control/bencode/encode.hpp"
#include "tools/relayctl/run.hpp"
#include "tools/relayctl/streams.hpp"
#include "tools/relayctl/top.hpp"
#include "tests/unit/rtpgen/fake_ng_server.hpp"

namespace rr::relayctl {
namespace {

using test::FakeServer;

struct Outcome {
  int code;
  std::string out, err;
};

Outcome relayctl(std::vector<std::string> args) {
  args.insert(args.begin(), "relayctl");
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  int code = run(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}

TEST(Relayctl, CommandsAgainstAFakeServer) {
  struct Row {
    const char* name;
    const char* reply;  // bencoded body the server sends
    std::vector<std::string> command;
    int code;
    const char* out;  // expected substring of stdout
    const char* err;  // expected substring of stderr
    const char* sent;  // expected substring of the request
  };
  const Row rows[] = {
      {"ping", "d6:result4:ponge", {"ping"}, 0, "pong\n", "", "d7:command4:pinge"},
      {"list", "d5:callsl2:c12:c2e6:result2:oke", {"list"}, 0, "c1\nc2\n", "", "4:list"},
      {"empty list", "d5:callsle6:result2:oke", {"list"}, 0, "no calls", "", "4:list"},
      {"error reply", "d6:result5:error12:error-reason15:Unknown call-ide", {"query", "x"}, 1, "",
       "Unknown call-id", "7:call-id1:x"},
      {"delete with tag", "d6:result2:oke", {"delete", "c", "ft"}, 0, "deleted", "", "8:from-tag2:ft"},
      {"json", "d6:result4:ponge", {"--json", "ping"}, 0, "{\"result\":\"pong\"}", "", "ping"},
      {"malformed", "d6:result", {"ping"}, 1, "", "malformed reply", "ping"},
  };
  for (const Row& row : rows) {
    FakeServer server(row.reply);
    std::vector<std::string> args = {"--server", server.address(), "--timeout", "2"};
    args.insert(args.end(), row.command.begin(), row.command.end());
    Outcome outcome = relayctl(args);
    EXPECT_EQ(outcome.code, row.code) << row.name << ": " << outcome.err;
    EXPECT_NE(outcome.out.find(row.out), std::string::npos) << row.name << ": " << outcome.out;
    EXPECT_NE(outcome.err.find(row.err), std::string::npos) << row.name << ": " << outcome.err;
    ASSERT_FALSE(server.requests().empty()) << row.name;
    EXPECT_NE(server.requests().front().find(row.sent), std::string::npos) << row.name;
  }
}

TEST(Relayctl, NoAnswerRetransmitsTheSameCookieThenFails) {
  FakeServer silent("");
  Outcome outcome = relayctl({"--server", silent.address(), "--timeout", "0.1", "--attempts", "3", "ping"});
  EXPECT_EQ(outcome.code, 1);
  EXPECT_NE(outcome.err.find("no answer from " + silent.address() + " after 3 attempts"), std::string::npos)
      << outcome.err;
  std::vector<std::string> requests = silent.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0], requests[1]);  // same cookie: the relay's reply cache can dedupe
  EXPECT_EQ(requests[1], requests[2]);
}

TEST(Relayctl, UsageErrorsExitTwo) {
  const std::vector<std::vector<std::string>> rows = {
      {}, {"frobnicate"}, {"query"}, {"delete", "a", "b", "c"}, {"--server", "nonsense", "ping"},
  };
  for (const auto& args : rows) {
    Outcome outcome = relayctl(args);
    EXPECT_EQ(outcome.code, 2) << (args.empty() ? "(none)" : args.front());
    EXPECT_FALSE(outcome.err.empty());
  }
}

TEST(Relayctl, TopShowsStreamsFromListAndQuery) {
  // The same canned body answers list (calls) and query (tags) alike.
  bencode::Value stats = bencode::Value::dict();
  stats.set("packets", 42).set("bytes", 100).set("errors", 1).set("lost", 3);
  bencode::Value stream = bencode::Value::dict();
  stream.set("local port", 30000).set("stats", stats);
  bencode::Value media = bencode::Value::dict();
  media.set("streams", bencode::List{stream});
  bencode::Value leg = bencode::Value::dict();
  leg.set("medias", bencode::List{media});
  bencode::Value tags = bencode::Value::dict();
  tags.set("ft", leg);
  bencode::Value body = bencode::Value::dict();
  body.set("calls", bencode::List{"c1"}).set("result", "ok").set("tags", tags);
  FakeServer server(bencode::encode(body));
  Outcome outcome = relayctl({"--server", server.address(), "--count", "1", "top"});
  EXPECT_EQ(outcome.code, 0) << outcome.err;
  EXPECT_NE(outcome.out.find("1 calls, 1 streams"), std::string::npos) << outcome.out;
  EXPECT_NE(outcome.out.find("30000"), std::string::npos) << outcome.out;
}

TEST(Relayctl, StreamRowsAndTopOrders) {
  std::vector<StreamRow> rows(3);
  rows[0].packets = 10, rows[0].packet_rate = 5, rows[0].errors = 0;
  rows[1].packets = 99, rows[1].packet_rate = 50, rows[1].lost = 7;
  rows[2].packets = 50, rows[2].packet_rate = 1, rows[2].errors = 3;
  sort_busiest(rows);
  EXPECT_EQ(rows[0].packets, 99);
  EXPECT_EQ(rows[2].packets, 50);
  sort_worst(rows);
  EXPECT_EQ(rows[0].lost, 7);     // loss first
  EXPECT_EQ(rows[1].errors, 3);   // then errors

  std::vector<StreamRow> sampled(1);
  sampled[0].call_id = "c", sampled[0].packets = 150;
  fill_rates(sampled, {{sampled[0].key(), 100}}, 2.0);
  EXPECT_DOUBLE_EQ(sampled[0].packet_rate, 25.0);
}

}  // namespace
}  // namespace rr::relayctl
