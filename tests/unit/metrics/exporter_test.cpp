// The exporter over a real loopback HTTP socket on an ephemeral port.
#include "control/metrics/exporter.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <string>

#include "control/metrics/control_collector.hpp"
#include "control/metrics/relay_collector.hpp"
#include "tests/unit/metrics/fake_sources.hpp"

namespace rr::metrics {
namespace {

const Endpoint kAnyLoopbackPort{IpAddress::v4(127, 0, 0, 1), 0};

// One HTTP/1.0 GET; the whole response (headers and body), empty on any failure.
std::string http_get(const Endpoint& server, const std::string& path) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return {};
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(server.port);
  std::memcpy(&to.sin_addr, server.address.bytes.data(), 4);
  std::string response;
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&to), sizeof to) == 0) {
    const std::string request = "GET " + path + " HTTP/1.0\r\nHost: test\r\n\r\n";
    if (::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size())) {
      char buf[4096];
      for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;)
        response.append(buf, static_cast<size_t>(n));
    }
  }
  ::close(fd);
  return response;
}

TEST(Exporter, ServesCollectorsOverHttp) {
  testing_support::FakeSessions sessions;
  sessions.totals_.calls = 2;
  sessions.streams_ = {testing_support::make_stream("c1", "a", 1, "caller_to_callee", 10, 10, 1)};
  ControlSampler sampler({&sessions, {}, {}});
  sampler.sample();
  worker::WorkerCounters w;
  w.add(worker::Counter::rtp_packets, 42);

  Exporter exporter(kAnyLoopbackPort);
  exporter.add(std::make_shared<ControlCollector>(sampler));
  exporter.add(std::make_shared<RelayCollector>(std::vector<const worker::WorkerCounters*>{&w},
                                                MempoolSource{}));
  const Endpoint local = exporter.local_endpoint();
  ASSERT_NE(local.port, 0);

  const std::string response = http_get(local, "/metrics");
  EXPECT_NE(response.find("200 OK"), std::string::npos) << response;
  EXPECT_NE(response.find("\nrtp_relay_calls 2"), std::string::npos) << response;
  EXPECT_NE(response.find(R"(rtp_relay_relayed_packets_total{kind="rtp"} 42)"), std::string::npos);
  EXPECT_NE(response.find(R"(rtp_relay_stream_packets_total{call_id="c1")"), std::string::npos);
}

TEST(Exporter, ATakenEndpointFailsNamingListenHttp) {
  Exporter first(kAnyLoopbackPort);
  const Endpoint taken = first.local_endpoint();
  try {
    Exporter second(taken);
    FAIL() << "bound " << taken.to_string() << " twice";
  } catch (const ExporterError& e) {
    const std::string text = e.what();
    EXPECT_NE(text.find("listen-http"), std::string::npos) << text;
    EXPECT_NE(text.find(taken.to_string()), std::string::npos) << text;
  }
}

}  // namespace
}  // namespace rr::metrics
