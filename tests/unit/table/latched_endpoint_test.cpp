// The seqlock: values round-trip, and a reader racing a writer never sees a torn endpoint.
#include "relay/table/latched_endpoint.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace rr::table {
namespace {

TEST(LatchedEndpoint, RoundTripsBothFamilies) {
  const std::vector<Endpoint> rows = {
      {IpAddress::v4(198, 51, 100, 7), 4000},
      {*IpAddress::parse("2001:db8::1:2"), 65535},
      {IpAddress::v4(0, 0, 0, 0), 0},
  };
  LatchedEndpoint latched;
  for (const Endpoint& endpoint : rows) {
    latched.store(endpoint);
    EXPECT_EQ(latched.load(), endpoint) << endpoint.to_string();
  }
  EXPECT_EQ(latched.version(), rows.size());
}

// Every value the writer stores is self-consistent: all address bytes and the port derive
// from one counter. A torn read mixes two counters and breaks that.
Endpoint consistent(uint8_t n) {
  Endpoint endpoint;
  endpoint.address.family = (n & 1) ? Family::v6 : Family::v4;
  endpoint.address.bytes.fill(n);
  endpoint.port = static_cast<uint16_t>(n * 257);
  return endpoint;
}

bool is_consistent(const Endpoint& endpoint) {
  const uint8_t n = endpoint.address.bytes[0];
  return endpoint == consistent(n);
}

TEST(LatchedEndpoint, ConcurrentReaderNeverSeesATornValue) {
  LatchedEndpoint latched(consistent(0));
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> torn{0}, reads{0};
  std::thread reader([&] {
    while (!stop.load(std::memory_order_relaxed)) {
      if (!is_consistent(latched.load())) torn.fetch_add(1);
      reads.fetch_add(1, std::memory_order_relaxed);
    }
  });
  for (uint32_t i = 0; i < 200000; ++i) latched.store(consistent(static_cast<uint8_t>(i)));
  // Make sure the reader overlapped the writer at least a little before stopping it.
  while (reads.load() < 1000) std::this_thread::yield();
  stop = true;
  reader.join();
  EXPECT_EQ(torn.load(), 0U);
}

}  // namespace
}  // namespace rr::table
