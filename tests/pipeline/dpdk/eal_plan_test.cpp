// Pure parts of the DPDK bring-up, no EAL: profile parsing, argument planning, hugepage
// probing and mempool sizing. Table-driven; each row says what it checks.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "relay/dpdk/eal.hpp"
#include "relay/dpdk/eal_args.hpp"
#include "relay/dpdk/hugepages.hpp"
#include "relay/dpdk/mempool.hpp"

namespace rr::dpdk {
namespace {

struct ProfileRow {
  const char* description;
  const char* text;
  EalArgs args;         // expected on success
  const char* error;    // expected substring on failure, nullptr for success
};

TEST(DpdkProfile, ParsesOneOptionPerLine) {
  const ProfileRow rows[] = {
      {"empty file", "", {}, nullptr},
      {"comments and blanks", "# dev\n\n   # indented\n", {}, nullptr},
      {"option=value", "--vdev=net_tap0,iface=rr0\n", {"--vdev=net_tap0,iface=rr0"}, nullptr},
      {"option and value", "-l 0,1\n--main-lcore 0", {"-l", "0,1", "--main-lcore", "0"}, nullptr},
      {"trailing comment", "--no-pci   # no NIC here\n", {"--no-pci"}, nullptr},
      {"hash inside a word kept", "--vdev=x#1\n", {"--vdev=x#1"}, nullptr},
      {"CRLF and tabs", "\t--no-pci\r\n-m\t256\r\n", {"--no-pci", "-m", "256"}, nullptr},
      {"value on its own line", "--vdev\nnet_tap0\n", {}, "line 2: expected an option"},
  };
  for (const ProfileRow& row : rows) {
    SCOPED_TRACE(row.description);
    auto args = parse_profile(row.text);
    if (row.error == nullptr) {
      ASSERT_TRUE(args.ok()) << args.error().message;
      EXPECT_EQ(args.value(), row.args);
    } else {
      ASSERT_FALSE(args.ok());
      EXPECT_EQ(args.error().code, Errc::profile);
      EXPECT_NE(args.error().message.find(row.error), std::string::npos) << args.error().message;
    }
  }
}

// Every profile shipped in dpdk-config/profiles must parse.
TEST(DpdkProfile, ShippedProfilesParse) {
  const std::filesystem::path dir = RR_DPDK_PROFILE_DIR;
  unsigned count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".conf") continue;
    SCOPED_TRACE(entry.path().string());
    auto by_name = load_profile(entry.path().stem().string(), dir.string());
    ASSERT_TRUE(by_name.ok()) << by_name.error().message;
    EXPECT_FALSE(by_name.value().empty());
    ++count;
  }
  EXPECT_GE(count, 7u);  // dev-tap, veth-af-xdp, veth-af-packet, ixgbe, i40e, ice, mlx5
}

TEST(DpdkProfile, MissingProfileNamesThePath) {
  auto args = load_profile("no-such-profile", "/nonexistent");
  ASSERT_FALSE(args.ok());
  EXPECT_EQ(args.error().message, "dpdk profile '/nonexistent/no-such-profile.conf': cannot open");
}

TEST(DpdkArgs, HasOptionMatchesWholeOptions) {
  const EalArgs args{"--no-huge", "-m", "256", "--vdev=net_null0", "--in-memoryx"};
  EXPECT_TRUE(has_option(args, "--no-huge"));
  EXPECT_TRUE(has_option(args, "-m"));
  EXPECT_TRUE(has_option(args, "--vdev"));
  EXPECT_FALSE(has_option(args, "--in-memory"));  // a prefix of another word is not a match
  EXPECT_FALSE(has_option(args, "--no-pci"));
}

TEST(DpdkArgs, LcoreArgsListMainThenWorkers) {
  const unsigned workers[] = {2, 3};
  EXPECT_EQ(lcore_args(1, workers), (EalArgs{"-l", "1,2,3", "--main-lcore", "1"}));
  EXPECT_EQ(lcore_args(0, {}), (EalArgs{"-l", "0", "--main-lcore", "0"}));
}

const HugepageProbe kUsable{.free_2m = 64, .free_1g = 0, .hugetlbfs_mounted = true, .root = true};
const HugepageProbe kNoPages{.free_2m = 0, .free_1g = 0, .hugetlbfs_mounted = true, .root = true};
const HugepageProbe kNoMount{.free_2m = 8, .free_1g = 0, .hugetlbfs_mounted = false, .root = true};
const HugepageProbe kNotRoot{.free_2m = 8, .free_1g = 1, .hugetlbfs_mounted = true, .root = false};

struct PlanRow {
  const char* description;
  EalOptions options;
  HugepageProbe probe;
  EalArgs argv;
  bool hugepages;
  const char* warning;  // substring; "" = no warning expected
};

TEST(DpdkEalPlan, FallsBackToNoHugeWithOneWarning) {
  const PlanRow rows[] = {
      {"hugepages usable", {.args = {"--no-pci"}}, kUsable,
       {"rtp-relay", "--no-pci", "--in-memory"}, true, ""},
      {"no free pages", {.args = {"--no-pci"}}, kNoPages,
       {"rtp-relay", "--no-pci", "--no-huge", "-m", "512", "--no-shconf"}, false,
       "EAL: running with --no-huge -m 512 (no free hugepages, see dpdk-config/hugepages.sh)"},
      {"no hugetlbfs", {.args = {}, .no_huge_memory_mb = 128}, kNoMount,
       {"rtp-relay", "--no-huge", "-m", "128", "--no-shconf"}, false, "no hugetlbfs mounted"},
      {"not root", {.args = {}}, kNotRoot,
       {"rtp-relay", "--no-huge", "-m", "512", "--no-shconf"}, false, "not running as root"},
      {"forced: no warning", {.args = {}, .force_no_huge = true}, kUsable,
       {"rtp-relay", "--no-huge", "-m", "512", "--no-shconf"}, false, ""},
      {"profile says --no-huge and -m", {.args = {"--no-huge", "-m", "64"}}, kUsable,
       {"rtp-relay", "--no-huge", "-m", "64", "--no-shconf"}, false, ""},
      {"socket-mem dropped on fallback", {.args = {"--socket-mem", "1024,0", "--socket-limit=2048"}},
       kNoPages, {"rtp-relay", "--no-huge", "-m", "512", "--no-shconf"}, false, "no free"},
      {"socket-mem kept with hugepages", {.args = {"--socket-mem=1024"}}, kUsable,
       {"rtp-relay", "--socket-mem=1024", "--in-memory"}, true, ""},
      {"in-memory not doubled", {.args = {"--in-memory"}, .program = "x"}, kUsable,
       {"x", "--in-memory"}, true, ""},
      {"in-memory replaced on fallback", {.args = {"--in-memory"}}, kNoPages,
       {"rtp-relay", "--no-huge", "-m", "512", "--no-shconf"}, false, "no free"},
      {"in-memory off", {.args = {}, .in_memory = false}, kUsable, {"rtp-relay"}, true, ""},
  };
  for (const PlanRow& row : rows) {
    SCOPED_TRACE(row.description);
    const EalPlan plan = plan_eal(row.options, row.probe);
    EXPECT_EQ(plan.argv, row.argv);
    EXPECT_EQ(plan.hugepages, row.hugepages);
    if (*row.warning == '\0') {
      EXPECT_EQ(plan.warning, "");
    } else {
      EXPECT_NE(plan.warning.find(row.warning), std::string::npos) << plan.warning;
    }
  }
}

TEST(DpdkHugepages, FindsHugetlbfsInTheMountTable) {
  EXPECT_TRUE(mounts_have_hugetlbfs("sysfs /sys sysfs rw 0 0\nhugetlbfs /dev/hugepages hugetlbfs rw,pagesize=2M 0 0\n"));
  EXPECT_TRUE(mounts_have_hugetlbfs("none /mnt/huge hugetlbfs rw"));  // no trailing newline
  EXPECT_FALSE(mounts_have_hugetlbfs("hugetlbfs /hugetlbfs tmpfs rw 0 0\n"));  // type is tmpfs
  EXPECT_FALSE(mounts_have_hugetlbfs(""));
  EXPECT_FALSE(mounts_have_hugetlbfs("short line\n"));
}

TEST(DpdkHugepages, ProbeReadsFreePagesPerSize) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("rr-hugepages-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                    "-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir / "hugepages-2048kB");
  std::filesystem::create_directories(dir / "hugepages-1048576kB");
  std::ofstream(dir / "hugepages-2048kB" / "free_hugepages") << "17\n";
  std::ofstream(dir / "hugepages-1048576kB" / "free_hugepages") << "2\n";
  std::ofstream(dir / "mounts") << "hugetlbfs /dev/hugepages hugetlbfs rw 0 0\n";

  const HugepageProbe probe = probe_hugepages(dir.string(), (dir / "mounts").string());
  EXPECT_EQ(probe.free_2m, 17u);
  EXPECT_EQ(probe.free_1g, 2u);
  EXPECT_TRUE(probe.hugetlbfs_mounted);

  const HugepageProbe missing = probe_hugepages((dir / "absent").string(), (dir / "absent").string());
  EXPECT_EQ(missing.free_2m + missing.free_1g, 0u);
  EXPECT_FALSE(missing.hugetlbfs_mounted);
  EXPECT_FALSE(missing.usable());
  std::filesystem::remove_all(dir);
}

struct SizingRow {
  const char* description;
  MempoolSizing sizing;
  unsigned expected;
};

TEST(DpdkMempool, SizeCoversRingsAndWorkerCaches) {
  const SizingRow rows[] = {
      // 1×1×2048 rings + 1 × (256 + 128 + 32 + 32) = 2496 → 4095
      {"one port one worker", {}, 4095},
      // 2×2×2048 = 8192 + 2 × (384 + 32 + 64) = 9152 → 16383
      {"two ports two workers", {.ports = 2, .queues = 2, .workers = 2}, 16383},
      // 1×1×(64+64) + 1 × (0 + 0 + 32 + 32) = 192 → 255
      {"small rings no cache", {.rx_descriptors = 64, .tx_descriptors = 64, .cache = 0}, 255},
      // exactly 2^n − 1 needed stays: 127 + 0 → 127
      {"already 2^n-1", {.rx_descriptors = 63, .tx_descriptors = 0, .burst = 32, .cache = 0}, 127},
  };
  for (const SizingRow& row : rows) {
    SCOPED_TRACE(row.description);
    EXPECT_EQ(mempool_size(row.sizing), row.expected);
  }
}

}  // namespace
}  // namespace rr::dpdk
