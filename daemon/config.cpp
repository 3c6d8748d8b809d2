#include "daemon/config.hpp"

#include <boost/program_options.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "daemon/config_values.hpp"

namespace po = boost::program_options;

namespace rr::daemon {
namespace {

// Every key is taken as text and converted by config_values.hpp, so that each error names
// the key and the value in one line, whether it came from the command line or the INI file.
po::options_description describe_options() {
  po::options_description general("General");
  general.add_options()
    ("help,h", "print this help and exit")
    ("version,v", "print the version and exit")
    ("config-file", po::value<std::string>(), "INI file with the same keys (command line wins)");

  po::options_description media("Media and control (rtpengine's names and meanings)");
  media.add_options()
    ("interface,i", po::value<std::vector<std::string>>()->default_value({"pub/192.0.2.1/24"}, "pub/192.0.2.1/24"),
     "NAME/ADDRESS[/PREFIXLEN][!ADVERTISED] a local media address; repeat it to give an interface "
     "more addresses, each with the whole port range")
    ("listen-ng,n", po::value<std::vector<std::string>>()->default_value({"127.0.0.1:2223"}, "127.0.0.1:2223"),
     "ADDRESS:PORT for ng control (UDP); repeatable; a bare PORT means 127.0.0.1:PORT")
    ("listen-http", po::value<std::string>()->default_value("127.0.0.1:9900"),
     "ADDRESS:PORT serving Prometheus metrics at /metrics")
    ("metrics-max-streams", po::value<std::string>()->default_value("2000"),
     "streams that get per-stream Prometheus series; beyond it only the aggregates count them")
    ("port-min,m", po::value<std::string>()->default_value("10000"), "lowest media port (1024-65535)")
    ("port-max,M", po::value<std::string>()->default_value("10499"), "highest media port (1024-65535)")
    ("port-quarantine", po::value<std::string>()->default_value("60"),
     "seconds a freed port rests before it is handed out again, so late packets of an old call "
     "cannot reach a new one")
    ("timeout,T", po::value<std::string>()->default_value("60"),
     "seconds without media on every stream before a call is torn down")
    ("silent-timeout", po::value<std::string>()->default_value("3600"),
     "the same for calls on hold (sendonly / inactive)")
    ("final-timeout", po::value<std::string>()->default_value("0"),
     "seconds after which any call is torn down; 0 disables")
    ("delete-delay", po::value<std::string>()->default_value("0"),
     "seconds a deleted call keeps relaying when delete carries no 'delete delay' key; 0 ends it at once "
     "(rtpengine's default is 30)")
    ("ng-reply-cache-mb", po::value<std::string>()->default_value("256"),
     "memory for ng replies kept 60 s, so a proxy's retransmitted cookie gets the same reply without "
     "running the command twice; 256 MB holds 60 s at ~7 000 requests/s, beyond it the oldest go early")
    ("max-sessions", po::value<std::string>()->default_value("-1"),
     "parallel calls allowed; -1 unlimited; beyond it offers fail with 'Parallel session limit reached'")
    ("learning-packets", po::value<std::string>()->default_value("5"),
     "packets at the start of a stream during which its source may latch (RTP Bleed defence)")
    ("learning-ms", po::value<std::string>()->default_value("3000"),
     "milliseconds after a stream's first packet during which its source may latch")
    ("log-level,L", po::value<std::string>()->default_value("info"),
     "trace, debug, info, warn, error, critical, off, or a syslog level 0-7 as in rtpengine");

  po::options_description dpdk("DPDK");
  dpdk.add_options()
    ("dpdk-profile", po::value<std::string>()->default_value("dev-tap"),
     "EAL profile: a name in dpdk-config/profiles or a path to a profile file")
    ("dpdk-args", po::value<std::vector<std::string>>()->composing(),
     "extra EAL arguments appended to the profile's (repeatable; split on spaces)")
    ("dpdk-port", po::value<std::vector<std::string>>()->default_value({"pub=net_tap0"}, "pub=net_tap0"),
     "INTERFACE=DEVICE: the DPDK device carrying that interface's media (vdev, PCI address or port name)")
    ("gateway", po::value<std::vector<std::string>>()->composing(),
     "INTERFACE=ADDRESS next hop for peers that are not on-link")
    ("vlan", po::value<std::vector<std::string>>()->composing(),
     "INTERFACE=ID: tag that interface's media with 802.1Q VLAN ID 1-4094 (ingress of other VLANs is dropped as wrong_vlan)")
    ("worker-cores", po::value<std::string>()->default_value("1"),
     "lcores that run the poll-mode workers, e.g. 1 or 2-5; never the main core")
    ("main-core", po::value<std::string>()->default_value("0"), "lcore of the control thread")
    ("no-huge", po::value<std::string>()->default_value("false")->implicit_value("true"),
     "run EAL without hugepages even when some are reserved")
    ("memory-mb", po::value<std::string>()->default_value("512"),
     "EAL memory in MB when running without hugepages")
    ("mbufs", po::value<std::string>()->default_value("0"),
     "packet buffers in the pool; 0 sizes it from the rings and workers (raise it for vdevs that "
     "hold many packets, such as net_pcap with infinite_rx)")
    ("rx-descriptors", po::value<std::string>()->default_value("1024"),
     "descriptors per RX queue (64-32768; the device may round it to its limits); deeper rings "
     "ride out longer worker stalls before the NIC drops (rtp_relay_port_missed_packets_total)")
    ("tx-descriptors", po::value<std::string>()->default_value("1024"),
     "descriptors per TX queue (64-32768; the device may round it to its limits)");

  po::options_description all;
  all.add(general).add(media).add(dpdk);
  return all;
}

std::string bad(const std::string& key, const std::string& value, const std::string& why) {
  return "invalid configuration: " + key + "='" + value + "': " + why;
}

// Converts every option into the Config, or returns the first error line.
std::optional<std::string> fill(const po::variables_map& vm, Config& c) {
  auto text = [&](const char* key) { return vm[key].as<std::string>(); };
  auto list = [&](const char* key) {
    return vm.count(key) ? vm[key].as<std::vector<std::string>>() : std::vector<std::string>{};
  };
  std::optional<std::string> error;
  // Applies `parse` to the value of `key`; on failure remembers the first error.
  auto take = [&](const char* key, const std::string& value, auto parse, auto&& store) {
    if (error) return;
    auto parsed = parse(value);
    if (!parsed.value) {
      error = bad(key, value, parsed.why);
    } else {
      store(std::move(*parsed.value));
    }
  };
  auto port = [](const std::string& v) -> ValueOr<unsigned long> {
    auto p = parse_unsigned(v, 65535);
    if (!p.value || *p.value < 1024) return Why{"must be from 1024 to 65535"};
    return p;
  };
  auto seconds = [](const std::string& v) { return parse_unsigned(v, 31536000); };

  for (const auto& v : list("interface")) take("interface", v, parse_interface, [&](auto x) { c.interfaces.push_back(x); });
  for (const auto& v : list("listen-ng")) take("listen-ng", v, [](auto& s) { return parse_listen(s, "127.0.0.1"); }, [&](auto x) { c.listen_ng.push_back(x); });
  take("listen-http", text("listen-http"), [](auto& s) { return parse_listen(s, "127.0.0.1"); }, [&](auto x) { c.listen_http = x; });
  take("metrics-max-streams", text("metrics-max-streams"), [](auto& s) { return parse_unsigned(s, 1000000); }, [&](auto x) { c.metrics_max_streams = static_cast<unsigned>(x); });
  take("port-min", text("port-min"), port, [&](auto x) { c.port_min = static_cast<uint16_t>(x); });
  take("port-max", text("port-max"), port, [&](auto x) { c.port_max = static_cast<uint16_t>(x); });
  take("port-quarantine", text("port-quarantine"), [](auto& s) { return parse_unsigned(s, 3600); }, [&](auto x) { c.port_quarantine = static_cast<unsigned>(x); });
  take("timeout", text("timeout"), seconds, [&](auto x) { c.timeout = static_cast<unsigned>(x); });
  take("silent-timeout", text("silent-timeout"), seconds, [&](auto x) { c.silent_timeout = static_cast<unsigned>(x); });
  take("final-timeout", text("final-timeout"), seconds, [&](auto x) { c.final_timeout = static_cast<unsigned>(x); });
  take("delete-delay", text("delete-delay"), seconds, [&](auto x) { c.delete_delay = static_cast<unsigned>(x); });
  take("ng-reply-cache-mb", text("ng-reply-cache-mb"), [](auto& s) -> ValueOr<unsigned long> {
    auto n = parse_unsigned(s, 65536);
    if (!n.value || *n.value < 1) return Why{"expected a whole number from 1 to 65536"};
    return n;
  }, [&](auto x) { c.ng_reply_cache_mb = static_cast<unsigned>(x); });
  take("max-sessions", text("max-sessions"), [](auto& s) { return parse_signed(s, -1, 10000000); }, [&](auto x) { c.max_sessions = static_cast<int>(x); });
  take("learning-packets", text("learning-packets"), [](auto& s) { return parse_unsigned(s, 1000000); }, [&](auto x) { c.learning_packets = static_cast<uint32_t>(x); });
  take("learning-ms", text("learning-ms"), [](auto& s) { return parse_unsigned(s, 3600000); }, [&](auto x) { c.learning_ms = static_cast<uint32_t>(x); });
  take("log-level", text("log-level"), parse_log_level, [&](auto x) { c.log_level = x; });
  c.dpdk_profile = text("dpdk-profile");
  if (!error && c.dpdk_profile.empty()) error = bad("dpdk-profile", "", "expected a profile name or path");
  for (const auto& v : list("dpdk-args")) {
    std::istringstream words(v);
    for (std::string w; words >> w;) c.dpdk_args.push_back(w);
  }
  for (const auto& v : list("dpdk-port")) take("dpdk-port", v, parse_dpdk_port, [&](auto x) { c.dpdk_ports.push_back(x); });
  for (const auto& v : list("gateway")) take("gateway", v, parse_gateway, [&](auto x) { c.gateways.push_back(x); });
  for (const auto& v : list("vlan")) take("vlan", v, parse_vlan, [&](auto x) { c.vlans.push_back(x); });
  take("worker-cores", text("worker-cores"), parse_core_list, [&](auto x) { c.worker_cores = x; });
  take("main-core", text("main-core"), [](auto& s) { return parse_unsigned(s, 1023); }, [&](auto x) { c.main_core = static_cast<unsigned>(x); });
  take("no-huge", text("no-huge"), parse_bool, [&](auto x) { c.no_huge = x; });
  take("mbufs", text("mbufs"), [](auto& s) { return parse_unsigned(s, 1u << 26); }, [&](auto x) { c.mbufs = static_cast<unsigned>(x); });
  auto descriptors = [](const std::string& v) -> ValueOr<unsigned long> {
    auto n = parse_unsigned(v, 32768);
    if (!n.value || *n.value < 64) return Why{"expected a whole number from 64 to 32768"};
    return n;
  };
  take("rx-descriptors", text("rx-descriptors"), descriptors, [&](auto x) { c.rx_descriptors = static_cast<uint16_t>(x); });
  take("tx-descriptors", text("tx-descriptors"), descriptors, [&](auto x) { c.tx_descriptors = static_cast<uint16_t>(x); });
  take("memory-mb", text("memory-mb"), [](auto& s) { return parse_unsigned(s, 1 << 20); }, [&](auto x) { c.memory_mb = static_cast<unsigned>(x); });
  return error;
}

// Rules that relate several keys.
std::optional<std::string> cross_check(const Config& c) {
  if (c.port_min > c.port_max) {
    return bad("port-min", std::to_string(c.port_min), "greater than port-max=" + std::to_string(c.port_max));
  }
  if (c.listen_ng.empty()) return bad("listen-ng", "", "at least one address is needed");
  std::set<std::string> names;
  std::set<IpAddress> addresses;
  for (const auto& i : c.interfaces) {
    names.insert(i.name);
    if (!addresses.insert(i.address).second) {
      return bad("interface", i.name + "/" + i.address.to_string(), "address given twice");
    }
  }
  std::set<std::string> ported;
  for (const auto& p : c.dpdk_ports) {
    if (!names.count(p.interface)) {
      return bad("dpdk-port", p.interface + "=" + p.device, "no --interface named '" + p.interface + "'");
    }
    if (!ported.insert(p.interface).second) {
      return bad("dpdk-port", p.interface + "=" + p.device, "interface has a DPDK port already");
    }
  }
  for (const auto& n : names) {
    if (!ported.count(n)) return bad("interface", n, "no --dpdk-port carries this interface");
  }
  for (const auto& g : c.gateways) {
    if (!names.count(g.interface)) {
      return bad("gateway", g.interface + "=" + g.address.to_string(), "no --interface named '" + g.interface + "'");
    }
  }
  std::set<std::string> tagged;
  for (const auto& v : c.vlans) {
    const std::string value = v.interface + "=" + std::to_string(v.id);
    if (!names.count(v.interface)) return bad("vlan", value, "no --interface named '" + v.interface + "'");
    if (!tagged.insert(v.interface).second) return bad("vlan", value, "interface has a VLAN already");
  }
  for (unsigned core : c.worker_cores) {
    if (core == c.main_core) {
      return bad("worker-cores", std::to_string(core), "is the main core (main-core=" + std::to_string(c.main_core) + ")");
    }
  }
  return std::nullopt;
}

}  // namespace

ParseResult parse_config(int argc, const char* const argv[]) {
  po::options_description options = describe_options();
  po::variables_map vm;
  Config config;
  try {
    po::store(po::command_line_parser(argc, argv).options(options).run(), vm);
    if (vm.count("help")) {
      std::ostringstream out;
      out << "Usage: rtp-relay [options]\n" << options;
      return Exit{0, out.str()};
    }
    if (vm.count("version")) return Exit{0, std::string("rtp-relay ") + RR_VERSION};
    if (vm.count("config-file")) {
      config.config_file = vm["config-file"].as<std::string>();
      std::ifstream file(config.config_file);
      if (!file) return Exit{2, bad("config-file", config.config_file, "cannot be read")};
      // rtpengine's files have an [rtpengine] section; ours may use [rtp-relay] or none.
      std::stringstream body;
      for (std::string line; std::getline(file, line);) {
        auto start = line.find_first_not_of(" \t");
        if (start != std::string::npos && line[start] == '[') continue;
        body << line << '\n';
      }
      po::store(po::parse_config_file(body, options), vm);
    }
    po::notify(vm);
  } catch (const po::unknown_option& e) {
    return Exit{2, "invalid configuration: unknown key '" + e.get_option_name() + "'"};
  } catch (const po::error_with_option_name& e) {
    return Exit{2, "invalid configuration: " + e.get_option_name() + ": " + e.what()};
  } catch (const po::error& e) {
    return Exit{2, std::string("invalid configuration: ") + e.what()};
  }
  if (auto error = fill(vm, config)) return Exit{2, *error};
  if (auto error = cross_check(config)) return Exit{2, *error};
  return config;
}

std::optional<std::string> validate_cores(const Config& config, unsigned online_cpus) {
  auto check = [&](const char* key, unsigned core) -> std::optional<std::string> {
    if (core >= online_cpus) {
      return bad(key, std::to_string(core), "no such core (this machine has " + std::to_string(online_cpus) + ")");
    }
    return std::nullopt;
  };
  if (auto e = check("main-core", config.main_core)) return e;
  for (unsigned core : config.worker_cores) {
    if (auto e = check("worker-cores", core)) return e;
  }
  return std::nullopt;
}

}  // namespace rr::daemon
