// The endpoint a stream has latched onto, published by the one worker that receives the
// stream and read by the worker that sends the reverse direction (it is that direction's
// destination).
//
// Why a seqlock and not an atomic pointer to an immutable Endpoint: the latch changes on the
// hot path, and swapping a pointer would need a heap allocation plus an RCU grace period per
// change. A seqlock costs the writer two counter stores, never makes it wait, and the payload
// (address, port) fits in three words.
#pragma once

#include <cstdint>

#include "relay/packet/address.hpp"
#include "relay/table/seqlock.hpp"

namespace rr::table {

class LatchedEndpoint {
 public:
  LatchedEndpoint() = default;
  explicit LatchedEndpoint(const Endpoint& initial) noexcept { store(initial); }
  LatchedEndpoint(const LatchedEndpoint&) = delete;
  LatchedEndpoint& operator=(const LatchedEndpoint&) = delete;

  // Single writer: the worker that receives the stream (or control before publishing).
  void store(const Endpoint& endpoint) noexcept;
  // Any thread. Retries while a store is in progress; a store is a handful of instructions.
  Endpoint load() const noexcept;
  // Number of completed stores, for tests and counters.
  uint32_t version() const noexcept { return words_.version(); }

 private:
  using Words = SeqlockWords<3>::Words;
  static Words pack(const Endpoint& endpoint) noexcept;
  static Endpoint unpack(const Words& words) noexcept;

  SeqlockWords<3> words_;
};

}  // namespace rr::table
