// ngbench's pipeline against a fake ng server: cycles complete and are counted, error
// replies still lead to a delete, and a silent server ends in counted timeouts after the
// same-cookie retransmissions.
#include "tools/ngbench/pipeline.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/unit/rtpgen/fake_ng_server.hpp"
#include "tools/ngbench/report.hpp"

namespace rr::ngbench {
namespace {

ngclient::UdpSocket connect_to(const test::FakeServer& server) {
  std::string error;
  ngclient::UdpSocket socket = ngclient::UdpSocket::connect(*Endpoint::parse(server.address()), error);
  EXPECT_TRUE(socket.valid()) << error;
  return socket;
}

TEST(Ngbench, CyclesAgainstAServerThatSaysOk) {
  test::FakeServer server("d6:result2:oke");
  ngclient::UdpSocket socket = connect_to(server);
  PipelineOptions options;
  options.outstanding = 4;
  options.duration_ns = 200'000'000;
  PipelineResult result = run_pipeline(socket, options);
  EXPECT_GT(result.cycles, 0u);
  const StageResult& offer = result.stages[0];
  const StageResult& del = result.stages[2];
  EXPECT_GE(offer.rtt.count(), result.cycles);
  EXPECT_EQ(offer.errors + offer.timeouts + del.errors + del.timeouts, 0u);
  // Every started cycle finishes with a delete (the finish period lets them).
  EXPECT_EQ(server.count("6:delete"), server.count("5:offer"));
  std::ostringstream table;
  print_markdown({"x", 4, 0.2}, result, table);
  EXPECT_NE(table.str().find("| offer |"), std::string::npos);
}

TEST(Ngbench, ErrorRepliesAreCountedAndTheCallIsStillDeleted) {
  test::FakeServer server([](const std::string& request) -> std::string {
    if (request.find("5:offer") != std::string::npos) return "d6:result5:error12:error-reason4:nopee";
    return "d6:result2:oke";
  });
  ngclient::UdpSocket socket = connect_to(server);
  PipelineOptions options;
  options.outstanding = 2;
  options.duration_ns = 100'000'000;
  PipelineResult result = run_pipeline(socket, options);
  EXPECT_EQ(result.cycles, 0u);
  EXPECT_GT(result.stages[0].errors, 0u);
  EXPECT_EQ(result.stages[0].first_error, "nope");
  EXPECT_EQ(result.stages[1].rtt.count(), 0u);  // no answer after a failed offer
  EXPECT_EQ(server.count("6:delete"), server.count("5:offer"));
}

TEST(Ngbench, SilentServerTimesOutAfterRetransmissions) {
  test::FakeServer server("");
  ngclient::UdpSocket socket = connect_to(server);
  PipelineOptions options;
  options.outstanding = 1;
  options.duration_ns = 10'000'000;
  options.timeout_ns = 30'000'000;
  options.attempts = 2;
  options.finish_ns = 500'000'000;
  PipelineResult result = run_pipeline(socket, options);
  EXPECT_EQ(result.cycles, 0u);
  EXPECT_EQ(result.stages[0].timeouts, 1u);
  EXPECT_EQ(result.stages[0].retransmits, 1u);
  std::vector<std::string> requests = server.requests();
  ASSERT_GE(requests.size(), 2u);
  EXPECT_EQ(requests[0], requests[1]);  // the retransmission reuses the cookie
}

}  // namespace
}  // namespace rr::ngbench
