// The EAL, owned: rte_eal_init in Eal::init, rte_eal_cleanup in the destructor.
// DPDK allows one EAL per process and none after cleanup, so a second init is an error value.
#pragma once

#include <string>

#include "relay/dpdk/eal_args.hpp"
#include "relay/dpdk/hugepages.hpp"
#include "relay/dpdk/result.hpp"

namespace rr::dpdk {

struct EalOptions {
  EalArgs args;                      // EAL arguments without argv[0]: a profile plus extras
  std::string program = "rtp-relay";  // argv[0], the prefix of EAL's own log lines
  bool force_no_huge = false;        // run on anonymous memory even if hugepages are free
  unsigned no_huge_memory_mb = 512;  // -m when running without hugepages
  // No shared runtime files under /var/run/dpdk, so instances and test processes never collide:
  // --in-memory with hugepages, --no-shconf without (EAL refuses --in-memory with --no-huge).
  bool in_memory = true;
};

// What Eal::init will pass to rte_eal_init, decided before calling it. Pure, tested alone.
struct EalPlan {
  EalArgs argv;         // argv[0] first
  bool hugepages = false;
  std::string warning;  // non-empty when falling back to --no-huge: one line for the log
};
EalPlan plan_eal(const EalOptions& options, const HugepageProbe& probe);

class Eal {
 public:
  // Probes hugepages, plans the arguments and initialises the EAL. Errors:
  // "EAL: cannot initialise: <rte_strerror>", "EAL: already initialised in this process".
  static Result<Eal> init(const EalOptions& options);

  Eal(Eal&& other) noexcept;
  Eal& operator=(Eal&&) = delete;
  Eal(const Eal&) = delete;
  Eal& operator=(const Eal&) = delete;
  ~Eal();

  bool hugepages() const { return plan_.hugepages; }
  // Non-empty when running without hugepages although they were not explicitly refused:
  // the one warning line the daemon logs.
  const std::string& warning() const { return plan_.warning; }
  const EalArgs& argv() const { return plan_.argv; }

 private:
  explicit Eal(EalPlan plan) : plan_(std::move(plan)) {}
  EalPlan plan_;
  bool owner_ = true;  // false once moved from: only one object calls rte_eal_cleanup
};

}  // namespace rr::dpdk
