// The one error convention of relay/dpdk: a value, or an Error whose message is ready to log.
// Bring-up code runs once at start, so a string message is cheap and tells the operator what
// DPDK refused (rte_strerror text included). Nothing here throws or calls exit().
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace rr::dpdk {

// What failed, for callers that react differently (the daemon turns no_such_port into
// "dpdk-port: no such port 'X'"); the message carries the detail.
enum class Errc { eal, no_such_port, port, mempool, lcore, ring, profile };

struct Error {
  Errc code;
  std::string message;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit, so `return port;` works
  Result(Error error) : state_(std::move(error)) {}  // NOLINT: implicit, `return Error{...};`

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  // Precondition ok(): using the value of a failed call is a bug in the caller.
  T& value() { assert(ok()); return std::get<0>(state_); }
  const T& value() const { assert(ok()); return std::get<0>(state_); }
  T* operator->() { return &value(); }
  T& operator*() { return value(); }
  // Precondition !ok().
  const Error& error() const { assert(!ok()); return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

// Success carries nothing: Status{} is ok, Status{Error{...}} is not.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT: implicit

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { assert(!ok_); return error_; }

 private:
  Error error_{Errc::eal, {}};
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace rr::dpdk
