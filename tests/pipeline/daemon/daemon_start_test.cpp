// The daemon binary end to end on in-memory vdevs: starts, answers ng ping, stops on SIGTERM
// with exit 0; refuses what it cannot run with one line naming the key and exit code 2.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "tests/support/ng_ping.hpp"
#include "tests/support/process.hpp"

namespace {

using namespace std::chrono_literals;

// A profile with no vdev of its own: the daemon probes --dpdk-port's device itself.
std::string null_profile() {
  std::string path = testing::TempDir() + "rr-null-profile.conf";
  std::ofstream(path) << "# test profile\n--no-pci\n--log-level=lib.eal:error\n";
  return path;
}

// The test's arguments, where `extra` replaces any base argument with the same key.
std::vector<std::string> daemon_args(uint16_t ng_port, std::vector<std::string> extra) {
  std::vector<std::string> base = {"--dpdk-profile=" + null_profile(),
                                   "--dpdk-port=pub=net_null0",
                                   "--interface=pub/192.0.2.1/24",
                                   "--listen-ng=127.0.0.1:" + std::to_string(ng_port),
                                   "--listen-http=127.0.0.1:" + std::to_string(ng_port + 1),
                                   "--worker-cores=1",
                                   "--memory-mb=256"};
  auto key = [](const std::string& a) { return a.substr(0, a.find('=')); };
  std::vector<std::string> args = {RR_DAEMON_PATH};
  for (const auto& b : base) {
    bool replaced = false;
    for (const auto& e : extra) replaced = replaced || key(e) == key(b);
    if (!replaced) args.push_back(b);
  }
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

std::string log_path(const char* name) { return testing::TempDir() + "rr-daemon-" + name + ".log"; }

void expect_runs_pings_and_stops(rr::test::Child& relay, uint16_t ng_port) {
  ASSERT_TRUE(relay.started());
  ASSERT_TRUE(rr::test::ng_ping_until("127.0.0.1", ng_port, 30s)) << relay.output();
  relay.signal(SIGTERM);
  auto code = relay.wait_exit(20s);
  ASSERT_TRUE(code.has_value()) << "still running 20 s after SIGTERM\n" << relay.output();
  EXPECT_EQ(*code, 0) << relay.output();
  EXPECT_NE(relay.output().find("stopped"), std::string::npos) << relay.output();
}

TEST(DaemonStart, WithoutHugepagesWarnsOnceAnswersPingAndStopsOnSigterm) {
  rr::test::Child relay(daemon_args(22301, {"--no-huge"}), log_path("nohuge"));
  expect_runs_pings_and_stops(relay, 22301);
  EXPECT_NE(relay.output().find("hugepages no"), std::string::npos) << relay.output();
}

// Reserves 2 MB pages for this test if none are free (as root) and gives them back after.
class Hugepages {
 public:
  Hugepages() {
    std::ifstream("/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages") >> before_;
    if (free_pages() < 128) {
      std::ofstream("/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages") << before_ + 256;
      changed_ = true;
    }
    if (system("grep -q hugetlbfs /proc/mounts || (mkdir -p /dev/hugepages && mount -t hugetlbfs nodev /dev/hugepages)") != 0) {
      ADD_FAILURE() << "cannot mount hugetlbfs";
    }
  }
  ~Hugepages() {
    if (changed_) std::ofstream("/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages") << before_;
  }
  static long free_pages() {
    long n = 0;
    std::ifstream("/sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages") >> n;
    return n;
  }

 private:
  long before_ = 0;
  bool changed_ = false;
};

TEST(DaemonStart, WithHugepagesUsesThem) {
  ASSERT_EQ(geteuid(), 0u) << "hugepages need root: run the suite as README says";
  Hugepages pages;
  ASSERT_GE(Hugepages::free_pages(), 128) << "could not reserve 2 MB hugepages";
  rr::test::Child relay(daemon_args(22303, {}), log_path("huge"));
  expect_runs_pings_and_stops(relay, 22303);
  EXPECT_NE(relay.output().find("hugepages yes"), std::string::npos) << relay.output();
}

struct Refusal {
  const char* name;
  std::vector<std::string> extra;
  const char* line;  // the one error line expected in the output
};

void PrintTo(const Refusal& r, std::ostream* os) { *os << r.name; }

class DaemonRefuses : public testing::TestWithParam<Refusal> {};

TEST_P(DaemonRefuses, WithOneLineNamingTheKeyAndExitCode2) {
  const auto& c = GetParam();
  rr::test::Child relay(daemon_args(22305, c.extra), log_path(c.name));
  auto code = relay.wait_exit(30s);
  ASSERT_TRUE(code.has_value()) << relay.output();
  EXPECT_EQ(*code, 2) << relay.output();
  EXPECT_NE(relay.output().find(c.line), std::string::npos) << relay.output();
  // Nothing half-started: the ng port is free again.
  EXPECT_FALSE(rr::test::ng_request("127.0.0.1", 22305, "t1 d7:command4:pinge", 100ms).has_value());
}

const Refusal kRefusals[] = {
    {"no_such_dpdk_port", {"--dpdk-port=pub=net_nosuchdriver0"},
     "invalid configuration: dpdk-port='pub=net_nosuchdriver0': no such port 'net_nosuchdriver0'"},
    {"no_such_core", {"--worker-cores=1000"},
     "invalid configuration: worker-cores='1000': no such core"},
    {"main_core_as_worker", {"--worker-cores=0"},
     "invalid configuration: worker-cores='0': is the main core (main-core=0)"},
    {"no_such_profile", {"--dpdk-profile=does-not-exist"}, "invalid configuration: dpdk-profile='does-not-exist'"},
    {"bad_port_range", {"--port-min=30000", "--port-max=20000"},
     "rtp-relay: invalid configuration: port-min='30000': greater than port-max=20000"},
};

std::string RefusalName(const testing::TestParamInfo<Refusal>& param) { return param.param.name; }

INSTANTIATE_TEST_SUITE_P(All, DaemonRefuses, testing::ValuesIn(kRefusals), RefusalName);

}  // namespace
