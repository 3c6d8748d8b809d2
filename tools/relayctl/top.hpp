// relayctl top: every second, "list" then "query" each call, and show the busiest streams
// (packet rate between two samples) and the worst ones (lost, errors, jitter).
#pragma once

#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "tools/ngclient/client.hpp"
#include "tools/relayctl/streams.hpp"

namespace rr::relayctl {

struct TopOptions {
  int count = 0;        // refreshes; 0 = forever
  int rows = 10;
  int interval_ms = 1000;
  bool clear_screen = false;  // only on a terminal, so scripts get plain appended tables
};

// Orders for the two tables; pure so the tests can check them.
void sort_busiest(std::vector<StreamRow>& rows);
void sort_worst(std::vector<StreamRow>& rows);
// Packet rate per stream from the previous sample (packets by StreamRow::key()).
void fill_rates(std::vector<StreamRow>& rows, const std::map<std::string, int64_t>& previous,
                double seconds);

// Returns the process exit code: 1 when a list fails (relay gone), 0 otherwise.
int run_top(ngclient::Client& client, const TopOptions& options, std::ostream& out,
            std::ostream& err);

}  // namespace rr::relayctl
