#include "tools/relayctl/top.hpp"

#include <algorithm>
#include <chrono>
#include <ostream>
#include <thread>

#include "tools/relayctl/requests.hpp"

namespace rr::relayctl {

void sort_busiest(std::vector<StreamRow>& rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const StreamRow& a, const StreamRow& b) {
    if (a.packet_rate != b.packet_rate) return a.packet_rate > b.packet_rate;
    return a.packets > b.packets;
  });
}

void sort_worst(std::vector<StreamRow>& rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const StreamRow& a, const StreamRow& b) {
    int64_t a_lost = a.lost.value_or(0), b_lost = b.lost.value_or(0);
    if (a_lost != b_lost) return a_lost > b_lost;
    if (a.errors != b.errors) return a.errors > b.errors;
    return a.jitter_ms.value_or(0) > b.jitter_ms.value_or(0);
  });
}

void fill_rates(std::vector<StreamRow>& rows, const std::map<std::string, int64_t>& previous,
                double seconds) {
  if (seconds <= 0) return;
  for (StreamRow& row : rows) {
    auto it = previous.find(row.key());
    if (it != previous.end() && row.packets >= it->second) {
      row.packet_rate = static_cast<double>(row.packets - it->second) / seconds;
    }
  }
}

namespace {

// One sample: every stream of every listed call. Calls that vanish between list and
// query (deleted meanwhile) are skipped, not errors.
bool sample(ngclient::Client& client, std::vector<StreamRow>& rows, size_t& calls,
            std::ostream& err) {
  ngclient::Result list = client.request(list_request());
  if (!list.ok()) {
    err << "relayctl: list: " << list.error << '\n';
    return false;
  }
  rows.clear();
  calls = 0;
  const bencode::Value* ids = list.body.find("calls");
  if (!ids || !ids->as_list()) return true;
  for (const bencode::Value& id : *ids->as_list()) {
    const std::string* call_id = id.as_string();
    if (!call_id) continue;
    ngclient::Result query = client.request(query_request(*call_id));
    if (!query.ok()) continue;
    ++calls;
    std::vector<StreamRow> more = stream_rows(*call_id, query.body);
    rows.insert(rows.end(), more.begin(), more.end());
  }
  return true;
}

void print_head(std::vector<StreamRow> rows, size_t n, std::ostream& out) {
  rows.resize(std::min(rows.size(), n));
  print_stream_table(rows, out);
}

}  // namespace

int run_top(ngclient::Client& client, const TopOptions& options, std::ostream& out,
            std::ostream& err) {
  using Clock = std::chrono::steady_clock;
  std::map<std::string, int64_t> previous;
  Clock::time_point previous_time{};
  std::vector<StreamRow> rows;
  for (int refresh = 0; options.count == 0 || refresh < options.count; ++refresh) {
    if (refresh > 0) std::this_thread::sleep_for(std::chrono::milliseconds(options.interval_ms));
    size_t calls = 0;
    if (!sample(client, rows, calls, err)) return 1;
    Clock::time_point now = Clock::now();
    if (refresh > 0) {
      fill_rates(rows, previous, std::chrono::duration<double>(now - previous_time).count());
    }
    previous.clear();
    for (const StreamRow& row : rows) previous[row.key()] = row.packets;
    previous_time = now;

    if (options.clear_screen) out << "\x1b[H\x1b[2J";
    out << "relay " << client.server().to_string() << ": " << calls << " calls, " << rows.size()
        << " streams\n\nbusiest streams\n";
    sort_busiest(rows);
    print_head(rows, static_cast<size_t>(options.rows), out);
    out << "\nworst streams\n";
    sort_worst(rows);
    print_head(rows, static_cast<size_t>(options.rows), out);
    out << std::endl;  // flush: a live view must show up now, not when the buffer fills
  }
  return 0;
}

}  // namespace rr::relayctl
