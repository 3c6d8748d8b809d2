// A value or an error message: how control/sdp reports hostile or broken input
// (std::expected is C++23; this is the small subset we need).
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace rr::sdp {

struct Error {
  std::string message;  // "sdp: m= line 3: bad port", ready for an ng error-reason
};

template <class T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Error error) : error_(std::move(error.message)) {}  // NOLINT

  explicit operator bool() const { return value_.has_value(); }
  bool ok() const { return value_.has_value(); }
  // Only on success (asserted): callers check ok() first.
  T& operator*() { return assert(ok()), *value_; }
  const T& operator*() const { return assert(ok()), *value_; }
  T* operator->() { return &**this; }
  const T* operator->() const { return &**this; }
  const std::string& error() const { return error_; }

 private:
  std::optional<T> value_;
  std::string error_;
};

}  // namespace rr::sdp
