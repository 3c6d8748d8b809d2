#include "relay/dpdk/lcore.hpp"

#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <unistd.h>

#include <string>

namespace rr::dpdk {

bool lcore_exists(unsigned lcore) {
  const long cpus = sysconf(_SC_NPROCESSORS_CONF);
  return lcore < RTE_MAX_LCORE && cpus > 0 && lcore < static_cast<unsigned long>(cpus);
}

bool lcore_enabled(unsigned lcore) {
  return lcore < RTE_MAX_LCORE && rte_lcore_is_enabled(lcore);
}

bool is_main_lcore(unsigned lcore) {
  return lcore == rte_get_main_lcore();
}

unsigned main_lcore() {
  return rte_get_main_lcore();
}

std::vector<unsigned> worker_lcores() {
  std::vector<unsigned> lcores;
  unsigned lcore = 0;
  RTE_LCORE_FOREACH_WORKER(lcore) {
    lcores.push_back(lcore);
  }
  return lcores;
}

Status check_worker_lcore(unsigned lcore) {
  const std::string n = std::to_string(lcore);
  // --lcores can map an lcore id to another CPU, so an enabled lcore exists by definition.
  if (!lcore_enabled(lcore) && !lcore_exists(lcore)) {
    return Error{Errc::lcore, "lcore " + n + " does not exist"};
  }
  if (!lcore_enabled(lcore)) {
    return Error{Errc::lcore, "lcore " + n + " is not enabled in the EAL core list (-l)"};
  }
  if (is_main_lcore(lcore)) return Error{Errc::lcore, "worker core " + n + " is the main core"};
  return {};
}

Status launch(unsigned lcore, LcoreEntry entry, void* arg) {
  if (Status valid = check_worker_lcore(lcore); !valid) return valid;
  if (const int rc = rte_eal_remote_launch(entry, arg, lcore); rc != 0) {
    return Error{Errc::lcore, "lcore " + std::to_string(lcore) + ": cannot launch: " +
                                  rte_strerror(-rc)};
  }
  return {};
}

int wait(unsigned lcore) {
  return rte_eal_wait_lcore(lcore);
}

}  // namespace rr::dpdk
