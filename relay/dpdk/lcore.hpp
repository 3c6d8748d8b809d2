// Worker lcores: validation of the configured core list and launch/wait wrappers over
// rte_eal_remote_launch / rte_eal_wait_lcore. Valid only after Eal::init.
#pragma once

#include <vector>

#include "relay/dpdk/result.hpp"

namespace rr::dpdk {

using LcoreEntry = int (*)(void* arg);

bool lcore_exists(unsigned lcore);   // below RTE_MAX_LCORE and a CPU of this machine
bool lcore_enabled(unsigned lcore);  // in the EAL core list (-l / --lcores)
bool is_main_lcore(unsigned lcore);
unsigned main_lcore();
std::vector<unsigned> worker_lcores();  // enabled lcores other than the main one, ascending

// Ok, or Errc::lcore with "lcore N does not exist", "lcore N is not enabled in the EAL core
// list", "worker core N is the main core".
Status check_worker_lcore(unsigned lcore);

// Runs entry(arg) on `lcore`; fails if the lcore is invalid, the main one, or busy.
Status launch(unsigned lcore, LcoreEntry entry, void* arg);

// Runs worker.run() (returning int) on `lcore`. The worker must outlive wait(lcore).
template <class Worker>
Status launch(unsigned lcore, Worker& worker) {
  return launch(
      lcore, [](void* arg) { return static_cast<Worker*>(arg)->run(); }, &worker);
}

// Blocks until `lcore` has finished; returns what its entry returned (0 if it was idle).
int wait(unsigned lcore);

}  // namespace rr::dpdk
