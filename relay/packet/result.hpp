// The one return convention of relay/packet: a value, or the DropReason that explains
// why there is none. No exceptions on the hot path; std::expected is C++23.
#pragma once

#include "relay/packet/drop_reason.hpp"

#include <cassert>

namespace rr::packet {

template <class T>
class Result {
 public:
  Result(T value) : value_(value), ok_(true) {}  // NOLINT: implicit, so `return view;` works
  Result(DropReason drop) : drop_(drop) {}       // NOLINT: implicit, so `return DropReason::x;`

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  // Precondition ok(): reading the value of a failed parse is a bug in the caller.
  const T& value() const { assert(ok_); return value_; }
  const T& operator*() const { return value(); }
  const T* operator->() const { return &value(); }
  // Precondition !ok().
  DropReason drop() const { assert(!ok_); return drop_; }

 private:
  T value_{};
  DropReason drop_{};
  bool ok_ = false;
};

}  // namespace rr::packet
