// The server over real loopback sockets on ephemeral ports, run in a background thread.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>

#include <atomic>
#include <system_error>
#include <thread>

#include "control/ng/listen_address.hpp"
#include "control/ng/udp_server.hpp"
#include "tests/unit/ng/counting_handler.hpp"

namespace rr::ng {
namespace {

using testing_support::CountingHandler;

// A client socket that sends to the server and waits (bounded) for one reply.
class Client {
 public:
  explicit Client(const Endpoint& server) : server_(server) {
    Endpoint local{server.address, 0};
    fd_ = bind_udp(local);
  }
  void send(std::string_view datagram) {
    sockaddr_storage to;
    socklen_t len = to_sockaddr(server_, to);
    ASSERT_EQ(::sendto(fd_.get(), datagram.data(), datagram.size(), 0,
                       reinterpret_cast<const sockaddr*>(&to), len),
              static_cast<ssize_t>(datagram.size()));
  }
  // Nothing if no reply within `timeout_ms` (a generous bound, not a timing assertion).
  std::optional<std::string> receive(int timeout_ms = 5000) {
    pollfd p{fd_.get(), POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) != 1) return std::nullopt;
    char buf[70000];
    ssize_t n = ::recv(fd_.get(), buf, sizeof buf, 0);
    if (n < 0) return std::nullopt;
    return std::string(buf, static_cast<size_t>(n));
  }

 private:
  Endpoint server_;
  UniqueFd fd_;
};

// Owns a server running in a thread; stops and joins it on destruction.
class RunningServer {
 public:
  RunningServer(std::vector<Endpoint> listen, CommandHandler* handler, ServerOptions options = {})
      : processor_(handler, {}), server_(listen, processor_, options) {
    thread_ = std::thread([this] { server_.run([this] { ++ticks; }); });
  }
  ~RunningServer() {
    server_.stop();
    thread_.join();
  }
  Endpoint endpoint(size_t i = 0) const { return server_.local_endpoints().at(i); }
  std::atomic<int> ticks{0};

 private:
  RequestProcessor processor_;
  UdpServer server_;
  std::thread thread_;
};

class UdpServerFamilies : public testing::TestWithParam<const char*> {};

TEST_P(UdpServerFamilies, PingOverLoopback) {
  CountingHandler handler;
  RunningServer server({*Endpoint::parse(GetParam())}, &handler);
  Client client(server.endpoint());
  client.send("5323_1 d7:command4:pinge");
  EXPECT_EQ(client.receive(), "5323_1 d6:result4:ponge");
  client.send(R"(j {"command":"ping"})");
  EXPECT_EQ(client.receive(), R"(j {"result":"pong"})");
}

TEST_P(UdpServerFamilies, RetransmissionRunsTheHandlerOnce) {
  CountingHandler handler;
  RunningServer server({*Endpoint::parse(GetParam())}, &handler);
  Client client(server.endpoint());
  const std::string offer = "9_1 d7:command5:offer7:call-id1:ce";
  std::optional<std::string> first;
  for (int i = 0; i < 5; ++i) {
    client.send(offer);
    auto reply = client.receive();
    ASSERT_TRUE(reply.has_value());
    if (i == 0) first = reply;
    EXPECT_EQ(reply, first);
  }
  EXPECT_EQ(handler.calls, 1);
}

TEST_P(UdpServerFamilies, NoCookieNoReplyButTheServerLivesOn) {
  CountingHandler handler;
  RunningServer server({*Endpoint::parse(GetParam())}, &handler);
  Client client(server.endpoint());
  client.send("d7:command4:pinge");
  client.send("x d7:command3:fooe");
  // Datagrams on one socket are answered in order: the first reply is the second request's.
  EXPECT_EQ(client.receive(), "x d6:result5:error12:error-reason20:Unrecognized commande");
}

INSTANTIATE_TEST_SUITE_P(Loopback, UdpServerFamilies, testing::Values("127.0.0.1:0", "[::1]:0"),
                         [](const auto& row) { return row.index == 0 ? "ipv4" : "ipv6"; });

TEST(UdpServer, ServesSeveralAddresses) {
  RunningServer server({*Endpoint::parse("127.0.0.1:0"), *Endpoint::parse("[::1]:0")}, nullptr);
  for (size_t i = 0; i < 2; ++i) {
    Client client(server.endpoint(i));
    client.send("c d7:command4:pinge");
    EXPECT_EQ(client.receive(), "c d6:result4:ponge");
  }
}

TEST(UdpServer, BarePortServesIPv4AndIPv6) {
  RunningServer server(*parse_listen_address("0"), nullptr);
  // The wildcard sockets answer on loopback of their own family.
  const Endpoint targets[] = {{IpAddress::v4(127, 0, 0, 1), server.endpoint(0).port},
                              {*IpAddress::parse("::1"), server.endpoint(1).port}};
  for (const Endpoint& target : targets) {
    Client client(target);
    client.send("bare d7:command4:pinge");
    EXPECT_EQ(client.receive(), "bare d6:result4:ponge") << target.to_string();
  }
}

TEST(UdpServer, OversizedDatagramGetsAnError) {
  ServerOptions options;
  options.max_datagram = 64;
  RunningServer server({*Endpoint::parse("127.0.0.1:0")}, nullptr, options);
  Client client(server.endpoint());
  client.send("big d3:sdp100:" + std::string(100, 'x') + "7:command5:offere");
  EXPECT_EQ(client.receive(), "big d6:result5:error12:error-reason17:Message too largee");
}

TEST(UdpServer, BindFailureNamesTheAddress) {
  RunningServer first({*Endpoint::parse("127.0.0.1:0")}, nullptr);
  Endpoint taken = first.endpoint();
  RequestProcessor processor(nullptr, {});
  try {
    UdpServer second({taken}, processor);
    FAIL() << "bound a port that is in use";
  } catch (const std::system_error& e) {
    EXPECT_NE(std::string(e.what()).find("ng: cannot bind " + taken.to_string()), std::string::npos)
        << e.what();
  }
}

TEST(UdpServer, TicksAndStopsFromAnotherThread) {
  ServerOptions options;
  options.tick_interval = std::chrono::milliseconds(1);
  CountingHandler handler;
  auto server = std::make_unique<RunningServer>(std::vector<Endpoint>{*Endpoint::parse("127.0.0.1:0")},
                                                &handler, options);
  while (server->ticks < 3) std::this_thread::yield();
  server.reset();  // stop() + join: returns only if the loop really ends
  SUCCEED();
}

}  // namespace
}  // namespace rr::ng
