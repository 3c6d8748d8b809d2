// Every configuration error path: one line naming the key and the value, exit code 2.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "daemon/config.hpp"

namespace rr::daemon {
namespace {

ParseResult parse(std::vector<std::string> args) {
  args.insert(args.begin(), "rtp-relay");
  std::vector<const char*> argv;
  for (auto& a : args) argv.push_back(a.c_str());
  return parse_config(static_cast<int>(argv.size()), argv.data());
}

struct ErrorCase {
  const char* description;
  std::vector<std::string> args;
  const char* expected;  // the whole error line
};

void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.description; }

class ConfigErrors : public testing::TestWithParam<ErrorCase> {};

TEST_P(ConfigErrors, NameKeyAndValueInOneLineWithExitCode2) {
  const auto& c = GetParam();
  auto result = parse(c.args);
  ASSERT_TRUE(std::holds_alternative<Exit>(result)) << c.description;
  const auto& exit = std::get<Exit>(result);
  EXPECT_EQ(exit.code, 2) << c.description;
  EXPECT_EQ(exit.message, c.expected) << c.description;
  EXPECT_EQ(exit.message.find('\n'), std::string::npos) << "one line: " << c.description;
}

const ErrorCase kErrorCases[] = {
    {"unknown key", {"--frobnicate=1"}, "invalid configuration: unknown key '--frobnicate=1'"},
    {"port-min not a number", {"--port-min=abc"}, "invalid configuration: port-min='abc': must be from 1024 to 65535"},
    {"port-min below 1024", {"--port-min=80"}, "invalid configuration: port-min='80': must be from 1024 to 65535"},
    {"port-max above 65535", {"--port-max=70000"}, "invalid configuration: port-max='70000': must be from 1024 to 65535"},
    {"port-min above port-max", {"--port-min=20000", "--port-max=10000"}, "invalid configuration: port-min='20000': greater than port-max=10000"},
    {"interface address is not an address", {"--interface=pub/300.1.1.1", "--dpdk-port=pub=net_null0"},
     "invalid configuration: interface='pub/300.1.1.1': expected NAME/ADDRESS[/PREFIXLEN][!ADVERTISED] (bad address)"},
    {"advertised address is not an address", {"--interface=pub/192.0.2.1!nope", "--dpdk-port=pub=net_null0"},
     "invalid configuration: interface='pub/192.0.2.1!nope': expected NAME/ADDRESS[/PREFIXLEN][!ADVERTISED] (bad advertised address)"},
    {"prefix length too long", {"--interface=pub/192.0.2.1/33", "--dpdk-port=pub=net_null0"},
     "invalid configuration: interface='pub/192.0.2.1/33': expected NAME/ADDRESS[/PREFIXLEN][!ADVERTISED] (prefix length above 32)"},
    {"listen-ng not an address", {"--listen-ng=localhost:2223"}, "invalid configuration: listen-ng='localhost:2223': expected ADDRESS:PORT, [ADDRESS]:PORT or PORT"},
    {"listen-ng port 0", {"--listen-ng=0"}, "invalid configuration: listen-ng='0': expected ADDRESS:PORT, [ADDRESS]:PORT or PORT"},
    {"listen-http bad", {"--listen-http=1.2.3.4"}, "invalid configuration: listen-http='1.2.3.4': expected ADDRESS:PORT, [ADDRESS]:PORT or PORT"},
    {"delete-delay not a number", {"--delete-delay=soon"}, "invalid configuration: delete-delay='soon': expected a whole number from 0 to 31536000"},
    {"timeout negative", {"--timeout=-5"}, "invalid configuration: timeout='-5': expected a whole number from 0 to 31536000"},
    {"log-level unknown", {"--log-level=loud"}, "invalid configuration: log-level='loud': expected trace, debug, info, warn, error, critical, off or a syslog level 0-7"},
    {"max-sessions below -1", {"--max-sessions=-2"}, "invalid configuration: max-sessions='-2': expected a whole number from -1 to 10000000"},
    {"worker core is the main core", {"--worker-cores=0"}, "invalid configuration: worker-cores='0': is the main core (main-core=0)"},
    {"worker core list malformed", {"--worker-cores=1,,x"}, "invalid configuration: worker-cores='1,,x': expected a list of cores such as 1 or 1,2 or 2-5"},
    {"worker core twice", {"--worker-cores=1,1"}, "invalid configuration: worker-cores='1,1': expected a list of cores such as 1 or 1,2 or 2-5 (core 1 twice)"},
    {"dpdk-port without interface", {"--dpdk-port=net_null0"}, "invalid configuration: dpdk-port='net_null0': expected INTERFACE=DEVICE, e.g. pub=net_tap0,iface=rr0"},
    {"dpdk-port for an unknown interface", {"--dpdk-port=priv=net_null0"}, "invalid configuration: dpdk-port='priv=net_null0': no --interface named 'priv'"},
    {"interface without a dpdk-port", {"--interface=priv/192.0.2.7", "--dpdk-port=pub=net_null0"}, "invalid configuration: dpdk-port='pub=net_null0': no --interface named 'pub'"},
    {"same address twice", {"--interface=pub/192.0.2.1", "--interface=pub/192.0.2.1", "--dpdk-port=pub=net_null0"}, "invalid configuration: interface='pub/192.0.2.1': address given twice"},
    {"gateway for an unknown interface", {"--gateway=priv=192.0.2.254"}, "invalid configuration: gateway='priv=192.0.2.254': no --interface named 'priv'"},
    {"vlan without an id", {"--vlan=pub"}, "invalid configuration: vlan='pub': expected INTERFACE=ID with a VLAN ID from 1 to 4094"},
    {"vlan id 0", {"--vlan=pub=0"}, "invalid configuration: vlan='pub=0': expected INTERFACE=ID with a VLAN ID from 1 to 4094"},
    {"vlan id above 4094", {"--vlan=pub=4095"}, "invalid configuration: vlan='pub=4095': expected INTERFACE=ID with a VLAN ID from 1 to 4094"},
    {"vlan for an unknown interface", {"--vlan=priv=42"}, "invalid configuration: vlan='priv=42': no --interface named 'priv'"},
    {"vlan twice for an interface", {"--vlan=pub=42", "--vlan=pub=43"}, "invalid configuration: vlan='pub=43': interface has a VLAN already"},
    {"ng-reply-cache-mb zero", {"--ng-reply-cache-mb=0"}, "invalid configuration: ng-reply-cache-mb='0': expected a whole number from 1 to 65536"},
    {"rx-descriptors too few", {"--rx-descriptors=16"}, "invalid configuration: rx-descriptors='16': expected a whole number from 64 to 32768"},
    {"tx-descriptors too many", {"--tx-descriptors=65536"}, "invalid configuration: tx-descriptors='65536': expected a whole number from 64 to 32768"},
    {"no-huge not a boolean", {"--no-huge=maybe"}, "invalid configuration: no-huge='maybe': expected true or false"},
    {"config file missing", {"--config-file=/nonexistent/rtp-relay.conf"}, "invalid configuration: config-file='/nonexistent/rtp-relay.conf': cannot be read"},
    {"value missing", {"--port-min"}, "invalid configuration: --port-min: the required argument for option '--port-min' is missing"},
};

std::string CaseName(const testing::TestParamInfo<ErrorCase>& info) {
  std::string name;
  for (const char* p = info.param.description; *p; ++p) name += std::isalnum(static_cast<unsigned char>(*p)) ? *p : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(All, ConfigErrors, testing::ValuesIn(kErrorCases), CaseName);

TEST(Config, DefaultsMatchRtpengineAndTheEmbeddedTapProfile) {
  auto result = parse({});
  ASSERT_TRUE(std::holds_alternative<Config>(result));
  const auto& c = std::get<Config>(result);
  EXPECT_EQ(c.port_min, 10000);
  EXPECT_EQ(c.port_max, 10499);
  EXPECT_EQ(c.timeout, 60u);
  EXPECT_EQ(c.silent_timeout, 3600u);
  EXPECT_EQ(c.final_timeout, 0u);
  EXPECT_EQ(c.delete_delay, 0u);
  ASSERT_EQ(c.listen_ng.size(), 1u);
  EXPECT_EQ(c.listen_ng[0].to_string(), "127.0.0.1:2223");
  ASSERT_EQ(c.interfaces.size(), 1u);
  EXPECT_EQ(c.interfaces[0].name, "pub");
  EXPECT_EQ(c.interfaces[0].address.to_string(), "192.0.2.1");
  EXPECT_EQ(c.dpdk_profile, "dev-tap");
  EXPECT_EQ(c.worker_cores, std::vector<unsigned>{1});
  EXPECT_EQ(c.rx_descriptors, 1024);
  EXPECT_EQ(c.tx_descriptors, 1024);
  EXPECT_EQ(c.ng_reply_cache_mb, 256u);
}

TEST(Config, ShippedExampleConfigurationParses) {
  auto result = parse({std::string("--config-file=") + RR_DEPLOY_CONF});
  ASSERT_TRUE(std::holds_alternative<Config>(result)) << std::get<Exit>(result).message;
  const auto& c = std::get<Config>(result);
  EXPECT_EQ(c.interfaces.size(), 3u);
  EXPECT_EQ(c.dpdk_profile, "i40e");
  EXPECT_EQ(c.rx_descriptors, 1024);
}

TEST(Config, DescriptorsPerQueue) {
  auto result = parse({"--rx-descriptors=4096", "--tx-descriptors=512"});
  ASSERT_TRUE(std::holds_alternative<Config>(result));
  EXPECT_EQ(std::get<Config>(result).rx_descriptors, 4096);
  EXPECT_EQ(std::get<Config>(result).tx_descriptors, 512);
}

TEST(Config, RtpengineInterfaceSyntaxWithAdvertisedAddressAndSeveralAddresses) {
  auto result = parse({"--interface=pub/198.51.100.10!203.0.113.10", "--interface=pub/198.51.100.11",
                       "--interface=priv/2001:db8::5/48", "--dpdk-port=pub=net_null0",
                       "--dpdk-port=priv=net_null1", "--listen-ng=[::1]:2223", "--listen-ng=2224",
                       "--worker-cores=2-3", "--log-level=7"});
  ASSERT_TRUE(std::holds_alternative<Config>(result)) << std::get<Exit>(result).message;
  const auto& c = std::get<Config>(result);
  ASSERT_EQ(c.interfaces.size(), 3u);
  EXPECT_EQ(c.interfaces[0].advertised->to_string(), "203.0.113.10");
  EXPECT_EQ(c.interfaces[1].prefix_length, 24);
  EXPECT_EQ(c.interfaces[2].prefix_length, 48);
  EXPECT_FALSE(c.interfaces[2].address.is_v4());
  EXPECT_EQ(c.listen_ng[0].to_string(), "[::1]:2223");
  EXPECT_EQ(c.listen_ng[1].to_string(), "127.0.0.1:2224");
  EXPECT_EQ(c.worker_cores, (std::vector<unsigned>{2, 3}));
  EXPECT_EQ(c.log_level, "debug");
}

TEST(Config, VlanPerInterface) {
  auto result = parse({"--interface=pub/198.51.100.10", "--interface=priv/10.0.0.10", "--dpdk-port=pub=net_null0",
                       "--dpdk-port=priv=net_null1", "--vlan=priv=42"});
  ASSERT_TRUE(std::holds_alternative<Config>(result)) << std::get<Exit>(result).message;
  const auto& c = std::get<Config>(result);
  ASSERT_EQ(c.vlans.size(), 1u);
  EXPECT_EQ(c.vlans[0].interface, "priv");
  EXPECT_EQ(c.vlans[0].id, 42);
}

TEST(Config, IniFileWithRtpengineSectionAndCommandLineWins) {
  std::string path = testing::TempDir() + "rr-config-test.conf";
  {
    std::ofstream f(path);
    f << "[rtpengine]\n# comment\nport-min = 20000\nport-max = 20999\ntimeout = 30\n";
  }
  auto result = parse({"--config-file=" + path, "--timeout=45"});
  std::remove(path.c_str());
  ASSERT_TRUE(std::holds_alternative<Config>(result)) << std::get<Exit>(result).message;
  const auto& c = std::get<Config>(result);
  EXPECT_EQ(c.port_min, 20000);
  EXPECT_EQ(c.port_max, 20999);
  EXPECT_EQ(c.timeout, 45u);
}

TEST(Config, UnknownKeyInIniFileIsNamed) {
  std::string path = testing::TempDir() + "rr-config-bad.conf";
  {
    std::ofstream f(path);
    f << "[rtp-relay]\ntimout = 30\n";
  }
  auto result = parse({"--config-file=" + path});
  std::remove(path.c_str());
  ASSERT_TRUE(std::holds_alternative<Exit>(result));
  EXPECT_EQ(std::get<Exit>(result).code, 2);
  EXPECT_EQ(std::get<Exit>(result).message, "invalid configuration: unknown key 'timout'");
}

TEST(Config, HelpListsEveryKeyWithItsDefault) {
  auto result = parse({"--help"});
  ASSERT_TRUE(std::holds_alternative<Exit>(result));
  const auto& exit = std::get<Exit>(result);
  EXPECT_EQ(exit.code, 0);
  for (const char* key : {"--interface", "--listen-ng", "--port-min", "--port-max", "--timeout",
                          "--silent-timeout", "--final-timeout", "--log-level", "--listen-http",
                          "--dpdk-profile", "--dpdk-port", "--worker-cores", "(=10000)", "(=10499)"}) {
    EXPECT_NE(exit.message.find(key), std::string::npos) << key;
  }
}

TEST(Config, VersionPrintsTheVersion) {
  auto result = parse({"--version"});
  ASSERT_TRUE(std::holds_alternative<Exit>(result));
  EXPECT_EQ(std::get<Exit>(result).code, 0);
  EXPECT_EQ(std::get<Exit>(result).message.rfind("rtp-relay ", 0), 0u);
}

TEST(Config, CoresBeyondTheMachineAreRejected) {
  Config c;
  c.worker_cores = {1, 5};
  EXPECT_EQ(validate_cores(c, 2).value_or(""),
            "invalid configuration: worker-cores='5': no such core (this machine has 2)");
  c.worker_cores = {1};
  EXPECT_FALSE(validate_cores(c, 2).has_value());
}

}  // namespace
}  // namespace rr::daemon
