#include "relay/dpdk/eal.hpp"

#include <rte_eal.h>
#include <rte_errno.h>

#include <atomic>

namespace rr::dpdk {
namespace {

// DPDK refuses a second rte_eal_init even after rte_eal_cleanup; say so before calling it.
std::atomic<bool> g_eal_started{false};

// EAL rejects these together with --no-huge: --socket-mem/--socket-limit reserve hugepage
// memory, and --no-huge implies legacy memory, which --in-memory refuses.
EalArgs without_hugepage_options(const EalArgs& args) {
  EalArgs kept;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--socket-mem" || arg == "--socket-limit") {
      ++i;  // and its value
      continue;
    }
    if (arg.starts_with("--socket-mem=") || arg.starts_with("--socket-limit=") ||
        arg == "--in-memory") {
      continue;
    }
    kept.push_back(arg);
  }
  return kept;
}

}  // namespace

EalPlan plan_eal(const EalOptions& options, const HugepageProbe& probe) {
  EalPlan plan;
  const bool refused = options.force_no_huge || has_option(options.args, "--no-huge");
  plan.hugepages = !refused && probe.usable();
  EalArgs args = plan.hugepages ? options.args : without_hugepage_options(options.args);
  if (!plan.hugepages && !has_option(args, "--no-huge")) args.push_back("--no-huge");
  if (!plan.hugepages && !has_option(args, "-m")) {
    args.push_back("-m");
    args.push_back(std::to_string(options.no_huge_memory_mb));
  }
  // No runtime files: --in-memory on hugepages; --no-shconf is what remains of it without.
  const char* no_files = plan.hugepages ? "--in-memory" : "--no-shconf";
  if (options.in_memory && !has_option(args, no_files)) args.push_back(no_files);
  if (!plan.hugepages && !refused) {
    plan.warning = "EAL: running with --no-huge -m " + std::to_string(options.no_huge_memory_mb) +
                   " (" + probe.reason() + ", see dpdk-config/hugepages.sh): slower, for development";
  }
  plan.argv.reserve(args.size() + 1);
  plan.argv.push_back(options.program);
  plan.argv.insert(plan.argv.end(), args.begin(), args.end());
  return plan;
}

Result<Eal> Eal::init(const EalOptions& options) {
  if (g_eal_started.exchange(true)) {
    return Error{Errc::eal, "EAL: already initialised in this process"};
  }
  EalPlan plan = plan_eal(options, probe_hugepages());
  // rte_eal_init permutes the pointer array (getopt) but not the strings it points to.
  std::vector<char*> argv;
  for (std::string& arg : plan.argv) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const int argc = static_cast<int>(plan.argv.size());
  const int parsed = rte_eal_init(argc, argv.data());
  if (parsed < 0) {
    return Error{Errc::eal, std::string("EAL: cannot initialise: ") + rte_strerror(rte_errno)};
  }
  if (parsed != argc - 1) {
    const std::string extra = argv[static_cast<size_t>(parsed) + 1];
    rte_eal_cleanup();
    return Error{Errc::eal, "EAL: not an EAL argument: '" + extra + "'"};
  }
  return Eal(std::move(plan));
}

Eal::Eal(Eal&& other) noexcept : plan_(std::move(other.plan_)), owner_(other.owner_) {
  other.owner_ = false;
}

Eal::~Eal() {
  if (owner_) rte_eal_cleanup();
}

}  // namespace rr::dpdk
