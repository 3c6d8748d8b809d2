#include "relay/dpdk/hugepages.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace rr::dpdk {
namespace {

uint64_t read_count(const std::filesystem::path& file) {
  std::ifstream in(file);
  uint64_t count = 0;
  // A missing or unreadable file counts as zero pages: the fallback then explains why.
  if (!(in >> count)) return 0;
  return count;
}

std::string read_all(const std::string& file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string HugepageProbe::reason() const {
  if (usable()) return {};
  if (!root) return "not running as root";
  if (free_2m == 0 && free_1g == 0) return "no free hugepages";
  return "no hugetlbfs mounted";
}

bool mounts_have_hugetlbfs(std::string_view mounts_text) {
  // Each line: device mountpoint fstype options dump pass. Match the third field exactly.
  while (!mounts_text.empty()) {
    const size_t end = mounts_text.find('\n');
    std::string_view line = mounts_text.substr(0, end);
    mounts_text = end == std::string_view::npos ? std::string_view{} : mounts_text.substr(end + 1);
    std::istringstream fields{std::string(line)};
    std::string device, mountpoint, fstype;
    if (fields >> device >> mountpoint >> fstype && fstype == "hugetlbfs") return true;
  }
  return false;
}

HugepageProbe probe_hugepages(const std::string& sysfs_dir, const std::string& mounts_file) {
  HugepageProbe probe;
  probe.root = geteuid() == 0;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(sysfs_dir, error)) {
    const std::string name = entry.path().filename().string();
    const uint64_t free_pages = read_count(entry.path() / "free_hugepages");
    if (name == "hugepages-2048kB") probe.free_2m += free_pages;
    if (name == "hugepages-1048576kB") probe.free_1g += free_pages;
  }
  probe.hugetlbfs_mounted = mounts_have_hugetlbfs(read_all(mounts_file));
  return probe;
}

}  // namespace rr::dpdk
