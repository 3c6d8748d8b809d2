// EAL on real hugepages. As root the test reserves 2 MiB pages and mounts hugetlbfs itself
// when the machine has none, and restores both afterwards; without root it fails loudly.
#include <gtest/gtest.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <sys/mount.h>

#include <filesystem>
#include <fstream>

#include "relay/dpdk/mempool.hpp"
#include "relay/dpdk/ring_port.hpp"
#include "tests/pipeline/dpdk/test_eal.hpp"

namespace rr::dpdk {
namespace {

constexpr const char* kNrHugepages = "/proc/sys/vm/nr_hugepages";

unsigned read_nr_hugepages() {
  unsigned pages = 0;
  std::ifstream(kNrHugepages) >> pages;
  return pages;
}

bool write_nr_hugepages(unsigned pages) {
  std::ofstream out(kNrHugepages);
  out << pages << '\n';
  out.flush();
  return out.good();
}

// Makes hugepages usable for the test's lifetime and undoes only what it did.
class HugepageReservation {
 public:
  // Returns an empty string on success, else why hugepages cannot be made usable.
  std::string acquire(unsigned pages) {
    HugepageProbe probe = probe_hugepages();
    if (probe.usable()) return {};
    if (!probe.root) return "hugepage test needs root to reserve pages: " + probe.reason();
    if (probe.free_2m < pages) {
      saved_pages_ = read_nr_hugepages();
      if (!write_nr_hugepages(saved_pages_.value() + pages)) return "cannot write nr_hugepages";
    }
    if (!probe.hugetlbfs_mounted) {
      mount_ = std::filesystem::temp_directory_path() / test::unique("rr-hugetlbfs-");
      std::filesystem::create_directories(mount_);
      if (::mount("nodev", mount_.c_str(), "hugetlbfs", 0, "pagesize=2M") != 0) {
        return "cannot mount hugetlbfs on " + mount_.string();
      }
      mounted_ = true;
    }
    probe = probe_hugepages();
    return probe.usable() ? std::string{} : "still not usable: " + probe.reason();
  }

  ~HugepageReservation() {
    if (mounted_) ::umount(mount_.c_str());
    if (!mount_.empty()) std::filesystem::remove(mount_);
    if (saved_pages_) write_nr_hugepages(*saved_pages_);
  }

 private:
  std::optional<unsigned> saved_pages_;
  std::filesystem::path mount_;
  bool mounted_ = false;
};

TEST(DpdkHugepages, EalRunsOnHugepagesWhenTheyAreUsable) {
  HugepageReservation reservation;  // outlives the EAL, whose cleanup releases the pages
  const std::string problem = reservation.acquire(64);
  ASSERT_EQ(problem, "");
  {
    auto eal = test::start_eal({}, /*force_no_huge=*/false);
    RR_ASSERT_OK(eal);
    EXPECT_TRUE(eal->hugepages());
    EXPECT_EQ(rte_eal_has_hugepages(), 1);  // the EAL agrees with the plan
    EXPECT_EQ(eal->warning(), "");
    EXPECT_FALSE(has_option(eal->argv(), "--no-huge"));

    auto pool = Mempool::create("huge_pool", 2047, 32);
    RR_ASSERT_OK(pool);
    auto ring = RingPort::create("huge", *pool);
    RR_ASSERT_OK(ring);
    const Frame frame(128, 0x5a);
    ASSERT_TRUE(ring->inject(frame).ok());
    rte_mbuf* burst[1];
    ASSERT_EQ(rte_eth_rx_burst(ring->id(), 0, burst, 1), 1);
    ASSERT_EQ(rte_eth_tx_burst(ring->id(), 0, burst, 1), 1);
    EXPECT_EQ(ring->collect(), std::vector<Frame>{frame});
    EXPECT_EQ(pool->free_count(), pool->size());
  }
}

}  // namespace
}  // namespace rr::dpdk
