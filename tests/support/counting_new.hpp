// Counting heap allocations in a test: counting_new.cpp replaces the global operator new and
// delete, and counts each new while `counting` is up. Add counting_new.cpp to the SOURCES of a
// test of its own (the replacement holds for the whole process).
#pragma once

#include <atomic>

namespace rr::test_support {

extern std::atomic<bool> counting;
extern std::atomic<long> allocations;

}  // namespace rr::test_support
