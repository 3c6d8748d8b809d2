// Can this process back DPDK memory with hugepages? Checked before rte_eal_init so that the
// daemon falls back to --no-huge with one clear warning instead of an EAL failure at start.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace rr::dpdk {

struct HugepageProbe {
  uint64_t free_2m = 0;            // free 2 MiB pages (all NUMA nodes)
  uint64_t free_1g = 0;            // free 1 GiB pages
  bool hugetlbfs_mounted = false;  // some hugetlbfs mount exists (EAL maps pages through it)
  bool root = false;               // only root may map hugepages through the default mount

  bool usable() const { return root && hugetlbfs_mounted && (free_2m > 0 || free_1g > 0); }
  // Why usable() is false, for the fallback warning ("no free hugepages", ...); empty if usable.
  std::string reason() const;
};

// Reads <sysfs_dir>/hugepages-*/free_hugepages and the mount table; tests pass a fake tree.
HugepageProbe probe_hugepages(const std::string& sysfs_dir = "/sys/kernel/mm/hugepages",
                              const std::string& mounts_file = "/proc/mounts");

// True if a /proc/mounts-format text has a hugetlbfs line. Pure, for tests.
bool mounts_have_hugetlbfs(std::string_view mounts_text);

}  // namespace rr::dpdk
