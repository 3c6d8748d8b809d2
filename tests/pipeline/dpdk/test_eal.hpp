// EAL start-up shared by the pipeline tests: anonymous memory, no PCI, quiet logs.
// gtest_discover_tests runs every TEST in its own process, so each TEST starts its own EAL.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <string>
#include <string_view>

#include "relay/dpdk/eal.hpp"
#include "relay/dpdk/mempool.hpp"

// A Result or Status that must be ok; on failure the test stops and prints DPDK's reason.
#define RR_ASSERT_OK(result) ASSERT_TRUE((result).ok()) << (result).error().message

namespace rr::dpdk::test {

// EXPECT_TRUE(fails_with(result, Errc::port, "text")): an error of that kind whose message
// contains the text (the whole message where the exact wording matters to the daemon).
template <class R>
::testing::AssertionResult fails_with(const R& result, Errc code, std::string_view text) {
  if (result.ok()) return ::testing::AssertionFailure() << "succeeded, expected '" << text << "'";
  const Error& error = result.error();
  if (error.code != code || error.message.find(text) == std::string::npos) {
    return ::testing::AssertionFailure() << "error " << static_cast<int>(error.code) << " '"
                                         << error.message << "', expected "
                                         << static_cast<int>(code) << " '" << text << "'";
  }
  return ::testing::AssertionSuccess();
}

// --in-memory (added by Eal) keeps parallel test processes from sharing runtime files.
inline Result<Eal> start_eal(EalArgs extra = {}, bool force_no_huge = true) {
  EalOptions options{.args = {"--no-pci", "--log-level=lib.eal:warning"},
                     .program = "rr-dpdk-test",
                     .force_no_huge = force_no_huge,
                     .no_huge_memory_mb = 256};
  options.args.insert(options.args.end(), extra.begin(), extra.end());
  return Eal::init(options);
}

// Most tests need an EAL and one pool; members are destroyed pool first, then the EAL.
struct EalWithPool {
  Eal eal;
  Mempool pool;
};

inline Result<EalWithPool> start_with_pool(const std::string& pool_name, unsigned count,
                                           unsigned cache, EalArgs extra = {}) {
  auto eal = start_eal(std::move(extra));
  if (!eal) return eal.error();
  auto pool = Mempool::create(pool_name, count, cache);
  if (!pool) return pool.error();
  return EalWithPool{std::move(eal.value()), std::move(pool.value())};
}

// Names of DPDK objects (rings, pools, vdevs) must be unique per process; tests only need
// them readable.
inline std::string unique(const std::string& stem) {
  return stem + std::to_string(getpid() % 100000);
}

}  // namespace rr::dpdk::test
