// Worker lcore validation and launch. Needs two CPUs (this machine and CI have them):
// lcore 0 is the main core, lcore 1 the worker.
#include <gtest/gtest.h>

#include <atomic>

#include "relay/dpdk/lcore.hpp"
#include "tests/pipeline/dpdk/test_eal.hpp"

namespace rr::dpdk {
namespace {

using test::start_eal;

struct Row {
  unsigned lcore;
  const char* error;  // nullptr: a valid worker core
};

TEST(DpdkLcore, ValidatesWorkerCores) {
  auto eal = start_eal({"-l", "0,1", "--main-lcore", "0"});
  RR_ASSERT_OK(eal);
  EXPECT_EQ(main_lcore(), 0u);
  EXPECT_EQ(worker_lcores(), std::vector<unsigned>{1});
  const Row rows[] = {
      {0, "worker core 0 is the main core"},
      {1, nullptr},
      {100, "lcore 100 does not exist"},
      {RTE_MAX_LCORE + 5, "lcore 133 does not exist"},
  };
  static_assert(RTE_MAX_LCORE == 128, "the row above spells out RTE_MAX_LCORE + 5");
  for (const Row& row : rows) {
    SCOPED_TRACE(row.lcore);
    const Status status = check_worker_lcore(row.lcore);
    if (row.error == nullptr) {
      EXPECT_TRUE(status.ok()) << status.error().message;
    } else {
      ASSERT_FALSE(status.ok());
      EXPECT_EQ(status.error().code, Errc::lcore);
      EXPECT_EQ(status.error().message, row.error);
    }
  }
}

TEST(DpdkLcore, ExistingCoreOutsideTheCoreListIsNotEnabled) {
  auto eal = start_eal({"-l", "0"});
  RR_ASSERT_OK(eal);
  ASSERT_TRUE(lcore_exists(1));
  EXPECT_FALSE(lcore_enabled(1));
  const Status status = check_worker_lcore(1);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message, "lcore 1 is not enabled in the EAL core list (-l)");
  EXPECT_TRUE(worker_lcores().empty());
}

struct Worker {
  std::atomic<unsigned> runs{0};
  int run() {
    runs.fetch_add(1);
    return 42;
  }
};

TEST(DpdkLcore, LaunchRunsTheWorkerAndWaitReturnsItsResult) {
  auto eal = start_eal({"-l", "0,1"});
  RR_ASSERT_OK(eal);
  Worker worker;
  for (unsigned round = 1; round <= 3; ++round) {
    ASSERT_TRUE(launch(1, worker).ok());
    EXPECT_EQ(wait(1), 42);
    EXPECT_EQ(worker.runs.load(), round);
  }
  const Status on_main = launch(0, worker);
  ASSERT_FALSE(on_main.ok());
  EXPECT_EQ(on_main.error().message, "worker core 0 is the main core");
  EXPECT_EQ(worker.runs.load(), 3u);
}

}  // namespace
}  // namespace rr::dpdk
